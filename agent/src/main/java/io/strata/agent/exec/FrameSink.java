package io.strata.agent.exec;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a session's outgoing WebSocket messages go; implementations are safe for concurrent callers. */
public interface FrameSink {

    /** Sends one binary message and blocks until it is written (the caller's backpressure). */
    void send(ByteBuffer message) throws IOException;

    /** Closes the WebSocket with {@code code} (1000 normal, 1011 server error) and a short reason; idempotent. */
    void close(int code, String reason);
}
