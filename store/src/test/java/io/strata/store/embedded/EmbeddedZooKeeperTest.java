package io.strata.store.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.store.Curators;
import io.strata.store.StateStore;
import io.strata.store.StoreException;
import io.strata.store.ZkAddress;
import io.strata.store.ZkStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {

    private static final Duration SESSION = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @Test
    void start_portZero_picksFreePortOnLoopbackAndServesClients() {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", 0);
                CuratorFramework client = connect(server)) {
            assertThat(server.port()).isPositive();
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + server.port());

            assertThat(new ZkStateStore(client, "/strata").create("agents/a1", "x".getBytes(UTF_8))).isZero();
        }
    }

    @Test
    void start_sameDataDirAfterClose_keepsData() {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", 0);
                CuratorFramework client = connect(server)) {
            StateStore store = new ZkStateStore(client, "/strata");
            store.create("agents/a1", "first life".getBytes(UTF_8));
            store.update("agents/a1", "second write".getBytes(UTF_8), 0);
        }

        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", 0);
                CuratorFramework client = connect(server)) {
            StateStore store = new ZkStateStore(client, "/strata");

            assertThat(store.read("agents/a1")).hasValueSatisfying(versioned -> {
                assertThat(new String(versioned.data(), UTF_8)).isEqualTo("second write");
                assertThat(versioned.version()).isEqualTo(1);
            });
        }
    }

    @Test
    void start_transactionLog_isPreallocatedInSmallSteps() throws IOException {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", 0);
                CuratorFramework client = connect(server)) {
            new ZkStateStore(client, "/strata").create("agents/a1", new byte[1024]);
        }

        List<Path> logs = files("log.");
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            // one preallocation step plus the 16-byte file header, not ZooKeeper's default 64 MiB
            assertThat(Files.size(log)).isLessThanOrEqualTo(EmbeddedZooKeeper.PREALLOCATION_KIB * 1024L + 16);
        }
    }

    @Test
    void start_portInUse_failsWithUnavailable() {
        try (EmbeddedZooKeeper first = EmbeddedZooKeeper.start(dataDir.resolve("a"), "127.0.0.1", 0)) {
            assertThatThrownBy(() -> EmbeddedZooKeeper.start(dataDir.resolve("b"), "127.0.0.1", first.port()))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE))
                    .hasMessageContaining("cannot start embedded ZooKeeper");
        }
    }

    @Test
    void close_twice_isHarmlessAndStopsServing() {
        EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", 0);
        ZkAddress address = ZkAddress.parse(server.connectString());

        server.close();
        server.close();

        assertThatThrownBy(() -> Curators.connect(address, SESSION, Duration.ofMillis(500)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot reach ZooKeeper at " + server.connectString());
    }

    private static CuratorFramework connect(EmbeddedZooKeeper server) {
        return Curators.connect(ZkAddress.parse(server.connectString()), SESSION);
    }

    private List<Path> files(String prefix) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return walk.filter(path -> path.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
