package io.strata.packages.repository;

import io.strata.packages.error.PackageException;
import io.strata.packages.universe.Sources;
import io.strata.packages.universe.UniverseRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loaded repositories by name and URI, kept for {@code ttl} so a search does not refetch a remote index each time;
 * the built-in repository is kept for good, and a remote one whose refresh fails keeps its last good copy.
 */
public final class RepositoryCache {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCache.class);

    private final HttpClient http;
    private final InstantSource clock;
    private final Duration ttl;
    private final Map<RepositoryEntry, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(UniverseRepository repository, Instant at) {
    }

    /** A cache fetching through {@code http}, refreshing remote repositories after {@code ttl}. */
    public RepositoryCache(HttpClient http, InstantSource clock, Duration ttl) {
        this.http = http;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The loaded repository of {@code entry}.
     *
     * @throws io.strata.packages.error.PackageException {@code IndexNotFound} when it cannot be loaded
     */
    public UniverseRepository get(RepositoryEntry entry) {
        Instant now = clock.instant();
        Loaded current = loaded.get(entry);
        boolean fresh = current != null && (entry.uri().equals(Sources.BUILTIN_URI)
                || current.at().plus(ttl).isAfter(now));
        if (fresh) {
            return current.repository();
        }
        UniverseRepository repository;
        try {
            repository = UniverseRepository.load(entry.name(), entry.uri(), Sources.open(URI.create(entry.uri()), http));
        } catch (PackageException e) {
            if (current == null) {
                throw e;
            }
            // the server is down or broken now: keep serving the last good copy rather than losing its packages
            LOG.warn("keeping the cached index of repository {}: {}", entry.name(), e.getMessage());
            return current.repository();
        }
        loaded.put(entry, new Loaded(repository, now));
        return repository;
    }

    /** Forgets {@code entry}, so the next use reloads it. */
    public void evict(RepositoryEntry entry) {
        loaded.remove(entry);
    }
}
