package io.strata.router.route;

/**
 * Finds the leading master. Implementations cache briefly and may block (network) for at most about the
 * router's connect timeout; they are called from request threads and must be thread-safe.
 */
public interface LeaderLocator extends AutoCloseable {
    /** The leader's base URL, or why it is unknown. */
    Lookup leader();

    /** The leader if it is known without blocking (a fresh cached answer), else empty. */
    java.util.Optional<Lookup> cached();

    /** Forgets the cached leader, e.g. after a master answered 307 (it no longer leads). */
    void invalidate();

    @Override
    void close();
}
