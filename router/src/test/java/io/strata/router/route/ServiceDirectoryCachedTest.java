package io.strata.router.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ServiceDirectory#cached} answers without blocking, against a real HTTP server standing in for the
 * leader's {@code /master/state} (counting its reads) and a clock the test moves: hits for one TTL and then while
 * one background refresh runs, misses only while the table is younger than the miss throttle, and misses of a
 * name with a fallback for the whole TTL.
 */
class ServiceDirectoryCachedTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration MIN_REFRESH = Duration.ofMillis(300); // TTL / 10
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<String> webUi = new AtomicReference<>("http://127.0.0.1:5201");
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private HttpServer master;
    private ServiceDirectory directory;

    @BeforeEach
    void start() throws IOException {
        master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/master/state", exchange -> {
            reads.incrementAndGet();
            byte[] body = ("{\"frameworks\":[{\"id\":\"f-1\",\"name\":\"web\",\"active\":true,\"webui_url\":\""
                    + webUi.get() + "\"}],\"slaves\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        master.start();
        Lookup.Found leader = new Lookup.Found(URI.create("http://127.0.0.1:" + master.getAddress().getPort()));
        InstantSource clock = () -> now.get();
        directory = new ServiceDirectory(new FixedLeader(leader), Optional.empty(),
                new HttpFetcher(Duration.ofSeconds(5), Duration.ofSeconds(10)), TTL, clock);
    }

    @AfterEach
    void stop() {
        master.stop(0);
    }

    @Test
    void cached_beforeTheFirstRead_isEmpty() {
        assertThat(directory.cached("web", false)).isEmpty();
        assertThat(directory.cached("kubernetes", true)).isEmpty();
    }

    @Test
    void cached_hitWithinTtl_answersWithoutReading() {
        directory.lookup("web");

        assertThat(directory.cached("web", false)).contains(new Lookup.Found(URI.create("http://127.0.0.1:5201")));
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void cached_hitAfterTtl_servesTheOldEntryAndRefreshesInBackground() {
        directory.lookup("web");
        webUi.set("http://127.0.0.1:5202");
        now.set(now.get().plus(TTL).plusMillis(1));

        assertThat(directory.cached("web", false)).contains(new Lookup.Found(URI.create("http://127.0.0.1:5201")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(directory.cached("web", false))
                .contains(new Lookup.Found(URI.create("http://127.0.0.1:5202"))));
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void cached_hitAfterExpire_isEmpty() {
        directory.lookup("web");
        directory.expire();

        assertThat(directory.cached("web", false)).isEmpty();
    }

    @Test
    void cached_missWithinTheThrottle_isUnknownAndAfterItEmpty() {
        directory.lookup("web");

        assertThat(directory.cached("nosuch", false)).containsInstanceOf(Lookup.Unknown.class);
        now.set(now.get().plus(MIN_REFRESH).plusMillis(1));
        assertThat(directory.cached("nosuch", false)).isEmpty();
    }

    @Test
    void cached_missOfANameWithFallbackWithinTtl_isUnknownWithoutReading() {
        directory.lookup("web");
        now.set(now.get().plus(TTL).minusMillis(1));

        assertThat(directory.cached("kubernetes", true)).containsInstanceOf(Lookup.Unknown.class);
        assertThat(reads.get()).isEqualTo(1);
    }

    /** A leader that never moves. */
    private record FixedLeader(Lookup.Found found) implements LeaderLocator {
        @Override
        public Lookup leader() {
            return found;
        }

        @Override
        public Optional<Lookup> cached() {
            return Optional.of(found);
        }

        @Override
        public void invalidate() {
            // fixed: nothing to forget
        }

        @Override
        public void close() {
            // holds nothing
        }
    }
}
