package io.strata.router.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * The leader cache against a real HTTP server standing in for a master's {@code /master/redirect}, with a clock
 * the test moves: an expired answer is still served (without waiting) while one refresh runs in the background.
 */
class RedirectLeaderLocatorTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    private final AtomicReference<String> leader = new AtomicReference<>("http://127.0.0.1:5101");
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private HttpServer master;
    private RedirectLeaderLocator locator;

    @BeforeEach
    void start() throws IOException {
        master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/master/redirect", exchange -> {
            asked.incrementAndGet();
            exchange.getResponseHeaders().add("Location", leader.get());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        master.start();
        URI url = URI.create("http://127.0.0.1:" + master.getAddress().getPort());
        InstantSource clock = () -> now.get();
        locator = new RedirectLeaderLocator(url, new HttpFetcher(Duration.ofSeconds(5), Duration.ofSeconds(10)), TTL,
                clock);
    }

    @AfterEach
    void stop() {
        locator.close();
        master.stop(0);
    }

    @Test
    void cached_beforeTheFirstLookup_isEmpty() {
        assertThat(locator.cached()).isEmpty();
    }

    @Test
    void cached_fresh_answersWithoutAskingAgain() {
        assertThat(locator.leader()).isEqualTo(new Lookup.Found(URI.create("http://127.0.0.1:5101")));

        assertThat(locator.cached()).contains(new Lookup.Found(URI.create("http://127.0.0.1:5101")));
        assertThat(asked.get()).isEqualTo(1);
    }

    @Test
    void cached_expiredWithinGrace_servesTheLastLeaderAndRefreshesInBackground() {
        locator.leader();
        leader.set("http://127.0.0.1:5102");
        now.set(now.get().plus(TTL).plusMillis(1));

        // the request is not held up: the old answer, while the new one is fetched
        assertThat(locator.cached()).contains(new Lookup.Found(URI.create("http://127.0.0.1:5101")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(locator.cached())
                .contains(new Lookup.Found(URI.create("http://127.0.0.1:5102"))));
        assertThat(asked.get()).isEqualTo(2);
    }

    @Test
    void cached_expiredBeyondGrace_isEmpty() {
        locator.leader();
        now.set(now.get().plus(TTL).plus(TTL).plusMillis(1));

        assertThat(locator.cached()).isEmpty();
    }

    @Test
    void cached_afterInvalidate_isEmptyAndTheNextLookupAsksAgain() {
        locator.leader();
        locator.invalidate();

        assertThat(locator.cached()).isEmpty();
        assertThat(locator.leader()).isInstanceOf(Lookup.Found.class);
        assertThat(asked.get()).isEqualTo(2);
    }

    @Test
    void cached_aMasterThatIsDown_isEmptyAndLookupSaysUnavailable() {
        master.stop(0);

        assertThat(locator.leader()).isInstanceOf(Lookup.Unavailable.class);
        assertThat(locator.cached()).isEqualTo(Optional.empty());
    }
}
