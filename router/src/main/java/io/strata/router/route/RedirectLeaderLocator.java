package io.strata.router.route;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Follows the leader of a master given by URL: asks it {@code GET /master/redirect}, which any master answers
 * with 307 to the leader (the leader names itself), and keeps the answer for {@code ttl}. A master that does not
 * redirect is taken as the leader itself (a lone master).
 */
public final class RedirectLeaderLocator implements LeaderLocator {
    private final URI configured;
    private final HttpFetcher fetcher;
    private final Duration ttl;
    private final InstantSource clock;
    private volatile Cached cached;

    private record Cached(Lookup.Found leader, Instant at) { }

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
        if (c != null && clock.instant().isBefore(c.at().plus(ttl))) {
            return c.leader();
        }
        return refresh();
    }

    @Override
    public java.util.Optional<Lookup> cached() {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.at().plus(ttl))) {
            return java.util.Optional.of(c.leader());
        }
        return java.util.Optional.empty();
    }

    private synchronized Lookup refresh() {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.at().plus(ttl))) {
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
        cached = new Cached(leader, clock.instant());
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
