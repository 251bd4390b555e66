package io.strata.router.route;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the leader of a master given by URL: asks it {@code GET /master/redirect}, which any master answers
 * with 307 to the leader (the leader names itself), and keeps the answer for {@code ttl}. A master that does not
 * redirect is taken as the leader itself (a lone master).
 *
 * <p>Requests never wait for the periodic re-check: for one more {@code ttl} after an answer expires,
 * {@link #cached} still gives it and starts one refresh in the background. A refused connection or a redirect from
 * the old leader ({@link #invalidate}) drops it at once, so a failover is not hidden by this.
 */
public final class RedirectLeaderLocator implements LeaderLocator {
    private final URI configured;
    private final HttpFetcher fetcher;
    private final Duration ttl;
    private final InstantSource clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Cached cached;

    /** A leader answer: fresh until {@code freshUntil}, usable while a refresh runs until {@code usableUntil}. */
    private record Cached(Lookup.Found leader, Instant freshUntil, Instant usableUntil) { }

    /** A locator asking {@code configured} (a master base URL) for the leader. */
    public RedirectLeaderLocator(URI configured, HttpFetcher fetcher, Duration ttl, InstantSource clock) {
        this.configured = Lookup.found(configured).base();
        this.fetcher = fetcher;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Lookup leader() {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.freshUntil())) {
            return c.leader();
        }
        return refresh();
    }

    /** The fresh answer, or an expired one within its grace {@code ttl} while a background refresh runs. */
    @Override
    public Optional<Lookup> cached() {
        Cached c = cached;
        if (c == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(c.freshUntil())) {
            return Optional.of(c.leader());
        }
        if (now.isBefore(c.usableUntil())) {
            refreshInBackground();
            return Optional.of(c.leader());
        }
        return Optional.empty();
    }

    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("strata-router-leader").start(() -> {
                try {
                    refresh();
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    private synchronized Lookup refresh() {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.freshUntil())) {
            return c.leader();
        }
        HttpResponse<byte[]> response;
        try {
            response = fetcher.get(URI.create(configured + "/master/redirect"));
        } catch (IOException e) {
            return new Lookup.Unavailable("cannot reach the master at " + configured + ": "
                    + HttpFetcher.describe(e));
        }
        Lookup.Found leader;
        if (response.statusCode() == 307 || response.statusCode() == 302 || response.statusCode() == 301) {
            String location = response.headers().firstValue("Location").orElse("");
            URI url;
            try {
                url = URI.create(location.startsWith("//") ? "http:" + location : location);
            } catch (IllegalArgumentException e) {
                return new Lookup.Unavailable("the master at " + configured + " named a bad leader: " + location);
            }
            if (url.getHost() == null) {
                return new Lookup.Unavailable("the master at " + configured + " named a bad leader: " + location);
            }
            leader = Lookup.found(URI.create(url.getScheme() + "://" + url.getRawAuthority()));
        } else if (response.statusCode() == 503) {
            return new Lookup.Unavailable("no leading master (the master at " + configured + " knows none)");
        } else {
            leader = new Lookup.Found(configured);
        }
        Instant now = clock.instant();
        cached = new Cached(leader, now.plus(ttl), now.plus(ttl).plus(ttl));
        return leader;
    }

    @Override
    public void invalidate() {
        cached = null;
    }

    @Override
    public void close() {
        // nothing held between calls
    }
}
