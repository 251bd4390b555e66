package io.strata.kubernetes.spdy;

import java.io.IOException;

/** The client side of a port-forward session: where encoded SPDY bytes go (a WebSocket, an upgraded socket). */
public interface SessionTransport {

    /** Sends bytes to kubectl; blocks until the transport took them; calls arrive serialised. */
    void send(byte[] bytes) throws IOException;

    /** Ends the connection to kubectl (kubectl then prints {@code lost connection to pod}). */
    void close();
}
