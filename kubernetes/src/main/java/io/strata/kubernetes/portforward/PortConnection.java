package io.strata.kubernetes.portforward;

import java.io.IOException;

/** An open connection to a port of a pod: bytes in with {@link #write}, bytes out through its {@link Receiver}. */
public interface PortConnection extends AutoCloseable {

    /** Sends bytes to the pod's port, in call order; blocks while the transport is busy. */
    void write(byte[] data) throws IOException;

    /** The client sends nothing more: half-closes where the transport can, otherwise nothing. */
    void finishWrites() throws IOException;

    /** Closes both directions; idempotent; the receiver may still see {@link Receiver#onEnd}. */
    @Override
    void close();

    /** Where the pod's bytes go; called from one thread at a time, in order. */
    interface Receiver {
        /** Bytes from the pod's port; may block to apply backpressure. */
        void onData(byte[] data);

        /** The pod's side ended: {@code error} is null for a normal end, else a reason for the client. */
        void onEnd(String error);
    }
}
