package io.strata.agent.exec;

import java.nio.ByteBuffer;

/** A connection's server side once upgraded: started once, fed the client's messages, closed when either side ends. */
interface StreamSession extends AutoCloseable {

    /** Starts serving; failures are answered on the WebSocket, never thrown. */
    void start();

    /** Handles one binary message of the client. */
    void onMessage(ByteBuffer message);

    /** Ends the session and frees its process or connection; idempotent. */
    @Override
    void close();
}
