package io.strata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;

class CuratorsTest {

    @Test
    void connect_runningServer_returnsConnectedClient() {
        try (TestZooKeeper zooKeeper = new TestZooKeeper();
                CuratorFramework client = Curators.connect(ZkAddress.parse(zooKeeper.connectString()),
                        Duration.ofSeconds(3))) {
            assertThat(client.getZookeeperClient().isConnected()).isTrue();
        }
    }

    @Test
    void connect_nothingListening_failsUnavailableNamingTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed, so nothing answers there
        }
        ZkAddress address = ZkAddress.parse("zk://127.0.0.1:" + port + "/strata");

        assertThatThrownBy(() -> Curators.connect(address, Duration.ofSeconds(3), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE))
                .hasMessage("cannot reach ZooKeeper at 127.0.0.1:" + port + " within 300 ms");
    }

    @Test
    void connect_zeroTimeout_throwsIllegalArgument() {
        assertThatThrownBy(() -> Curators.connect(ZkAddress.parse("h:1"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
