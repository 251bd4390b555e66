package io.strata.kubernetes.spdy;

/** The peer sent bytes that are not valid SPDY/3.1 (bad version, truncated header block, corrupt zlib stream). */
public final class SpdyProtocolException extends RuntimeException {

    /** A reason naming what was wrong. */
    public SpdyProtocolException(String message) {
        super(message);
    }

    /** A reason and the underlying failure (a zlib error). */
    public SpdyProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
