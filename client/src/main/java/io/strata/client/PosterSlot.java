package io.strata.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link KeepAlivePoster} to the server a caller currently talks to (the leading master): asking for another
 * server closes the poster to the previous one and opens a new one. Thread-safe.
 */
public final class PosterSlot implements AutoCloseable {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private KeepAlivePoster poster;

    /** A slot whose posters use these timeouts. */
    public PosterSlot(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * The poster to {@code base} ({@code http://host:port}), replacing the one to another server.
     *
     * @throws IllegalArgumentException if {@code base} is not an http URL with a host
     */
    public synchronized KeepAlivePoster to(URI base) {
        if (poster == null || !poster.base().equals(base)) {
            KeepAlivePoster next = new KeepAlivePoster(base, connectTimeout, readTimeout);
            if (poster != null) {
                poster.close();
            }
            poster = next;
        }
        return poster;
    }

    /** Closes the current poster and its connections (a later {@link #to} opens a new one); idempotent. */
    @Override
    public synchronized void close() {
        if (poster != null) {
            poster.close();
            poster = null;
        }
    }
}
