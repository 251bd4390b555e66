package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.master.Master;
import io.strata.router.route.HttpFetcher;
import io.strata.router.route.LeaderLocator;
import io.strata.router.route.Lookup;
import io.strata.router.route.RedirectLeaderLocator;
import io.strata.router.route.ServiceDirectory;
import io.strata.testing.framework.TestFramework;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The service directory over a real master: repeated lookups of a known name are answered from the table, which
 * is read from the master once per TTL (the leader locator is counted: every read of the master's state asks it).
 */
class ServiceDirectoryCacheTest {
    /** The real locator, counting how often the directory asks for the leader (once per state read). */
    private static final class CountingLocator implements LeaderLocator {
        private final LeaderLocator real;
        final AtomicInteger asked = new AtomicInteger();

        CountingLocator(LeaderLocator real) {
            this.real = real;
        }

        @Override
        public Lookup leader() {
            asked.incrementAndGet();
            return real.leader();
        }

        @Override
        public Optional<Lookup> cached() {
            return real.cached();
        }

        @Override
        public void invalidate() {
            real.invalidate();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void lookup_knownServiceRepeatedly_readsTheMasterOncePerTtl() throws Exception {
        try (TestMasters masters = new TestMasters(); TestUpstream ui = new TestUpstream()) {
            Master master = masters.start();
            HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(5), Duration.ofSeconds(10));
            try (TestFramework framework = TestFramework.subscribe(master.url(), TestFramework.info("cached", ui.url()));
                 CountingLocator locator = new CountingLocator(new RedirectLeaderLocator(URI.create(master.url()),
                         fetcher, Duration.ofSeconds(60), InstantSource.system()))) {
                ServiceDirectory directory = new ServiceDirectory(locator, Optional.empty(), fetcher,
                        Duration.ofSeconds(60), InstantSource.system());

                assertThat(directory.lookup("cached")).isEqualTo(new Lookup.Found(URI.create(ui.url())));
                int afterFirst = locator.asked.get();
                for (int i = 0; i < 5; i++) {
                    assertThat(directory.lookup("cached")).isInstanceOf(Lookup.Found.class);
                }

                assertThat(afterFirst).isEqualTo(1);
                assertThat(locator.asked.get()).isEqualTo(afterFirst);
            }
        }
    }
}
