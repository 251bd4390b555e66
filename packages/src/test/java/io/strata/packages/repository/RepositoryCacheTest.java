package io.strata.packages.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.packages.error.PackageException;
import io.strata.packages.universe.UniverseRepository;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCacheTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path tmp;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();

    private void writeIndex(String packageName) throws Exception {
        Files.createDirectories(tmp.resolve("meta"));
        Files.writeString(tmp.resolve("meta/index.json"), """
                {"packages":[{"name":"%s","currentVersion":"1","versions":{"1":"0"}}]}""".formatted(packageName));
    }

    @Test
    void get_withinTtl_keepsTheLoadedCopy_afterTtl_reloads() throws Exception {
        writeIndex("first");
        RepositoryCache cache = new RepositoryCache(HttpClient.newHttpClient(), clock, TTL);
        RepositoryEntry entry = new RepositoryEntry("local", tmp.toUri().toString());
        UniverseRepository loaded = cache.get(entry);
        writeIndex("second");
        now.set(now.get().plus(TTL.minusSeconds(1)));
        assertThat(cache.get(entry)).isSameAs(loaded);
        now.set(now.get().plusSeconds(2));
        assertThat(cache.get(entry).index().find("second")).isPresent();
    }

    @Test
    void get_refreshFails_servesTheLastGoodCopy() throws Exception {
        writeIndex("first");
        RepositoryCache cache = new RepositoryCache(HttpClient.newHttpClient(), clock, TTL);
        RepositoryEntry entry = new RepositoryEntry("local", tmp.toUri().toString());
        cache.get(entry);
        Files.writeString(tmp.resolve("meta/index.json"), "{broken");
        now.set(now.get().plus(TTL).plusSeconds(1));
        assertThat(cache.get(entry).index().find("first")).isPresent();
        cache.evict(entry);
        assertThatThrownBy(() -> cache.get(entry)).as("nothing cached: the failure shows")
                .isInstanceOf(PackageException.class);
    }
}
