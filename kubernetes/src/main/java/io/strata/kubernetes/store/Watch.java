package io.strata.kubernetes.store;

/** An open watch on a store; closing it stops delivery. Safe to close twice and from any thread. */
public interface Watch extends AutoCloseable {

    /** Stops the delivery of further events. */
    @Override
    void close();
}
