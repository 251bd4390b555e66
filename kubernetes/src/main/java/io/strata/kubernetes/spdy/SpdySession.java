package io.strata.kubernetes.spdy;

/** The server side of one SPDY session over some transport: fed the client's bytes, closed when either side ends. */
public interface SpdySession extends AutoCloseable {

    /** Bytes from the client, split anywhere; called by one transport thread at a time. */
    void receive(byte[] bytes, int offset, int length);

    /** Ends the session and what it holds; idempotent. */
    @Override
    void close();
}
