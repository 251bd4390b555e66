package io.strata.services.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.services.model.Condition;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeadershipListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServicesStoreFencingTest {
    private static final String ELECTION = "/marathon/leader";
    private TestingServer zk;
    private CuratorFramework client;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        client = Curators.connect(ZkAddress.parse("zk://" + zk.getConnectString() + "/marathon"),
                Curators.DEFAULT_SESSION_TIMEOUT);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        zk.close();
    }

    private Epoch elect() throws Exception {
        LeaderContender contender = new LeaderContender(client, ELECTION, "x".getBytes(StandardCharsets.UTF_8),
                new LeadershipListener() {
                    @Override
                    public void elected(Epoch epoch) {
                    }

                    @Override
                    public void lost(String reason) {
                    }
                });
        contender.start();
        Epoch epoch = contender.awaitLeadership(Duration.ofSeconds(30)).orElseThrow();
        contender.close();
        return epoch;
    }

    private static Instance instance(String id) {
        Instant now = Instant.parse("2026-11-29T07:00:00Z");
        return new Instance(id, PathId.parse("/web"), now, now, "a1", "h1", List.of(31000L), List.of(),
                Condition.PROVISIONED, now, null, null, null, 0, null, null, null, List.of(), null);
    }

    @Test
    void writes_currentEpoch_succeed() throws Exception {
        ServicesStore store = new ServicesStore(client, "/marathon").fencedBy(elect(), ELECTION);

        store.createInstances(List.of(instance("web.1"), instance("web.2")));
        ServicesStore.await(store.writeInstances(List.of(instance("web.1").withKillRequested(Instant.EPOCH)),
                List.of("web.2")));
        store.saveFrameworkId("fw-1");
        ServicesStore.await(store.saveApp(PathId.parse("/web"), "v1", Map.of("id", "/web")));

        assertThat(store.instances()).extracting(Instance::taskId).containsExactly("web.1");
        assertThat(store.instances().get(0).killRequestedAt()).isEqualTo(Instant.EPOCH);
        assertThat(store.frameworkId()).contains("fw-1");
        assertThat(store.apps()).hasSize(1);
        ServicesStore.await(store.deleteApp(PathId.parse("/web")));
        assertThat(store.apps()).isEmpty();
        assertThat(store.versions(PathId.parse("/web"))).isEmpty();
    }

    @Test
    void writes_deposedEpoch_failAndChangeNothing() throws Exception {
        ServicesStore deposed = new ServicesStore(client, "/marathon").fencedBy(elect(), ELECTION);
        deposed.createInstances(List.of(instance("web.1")));
        deposed.saveFrameworkId("fw-1");
        ServicesStore.await(deposed.saveApp(PathId.parse("/web"), "v1", Map.of("id", "/web")));
        ServicesStore successor = new ServicesStore(client, "/marathon").fencedBy(elect(), ELECTION);

        assertThatThrownBy(() -> deposed.createInstances(List.of(instance("web.2"))))
                .satisfies(e -> assertThat(ServicesStore.isFenced(e)).isTrue());
        assertThatThrownBy(() -> ServicesStore.await(deposed.writeInstances(
                List.of(instance("web.1").withKillRequested(Instant.EPOCH)), List.of())))
                .satisfies(e -> assertThat(ServicesStore.isFenced(e)).isTrue());
        assertThatThrownBy(() -> ServicesStore.await(deposed.writeInstances(List.of(), List.of("web.1"))))
                .satisfies(e -> assertThat(ServicesStore.isFenced(e)).isTrue());
        assertThatThrownBy(() -> deposed.saveFrameworkId("fw-2"))
                .satisfies(e -> assertThat(ServicesStore.isFenced(e)).isTrue());
        assertThatThrownBy(() -> ServicesStore.await(deposed.deleteApp(PathId.parse("/web"))))
                .satisfies(e -> assertThat(ServicesStore.isFenced(e)).isTrue());
        assertThatThrownBy(() -> ServicesStore.await(deposed.saveApp(PathId.parse("/db"), "v1", Map.of("id", "/db"))))
                .satisfies(e -> assertThat(ServicesStore.isFenced(e)).isTrue());

        assertThat(successor.instances()).extracting(Instance::taskId).containsExactly("web.1");
        assertThat(successor.instances().get(0).killRequestedAt()).isNull();
        assertThat(successor.frameworkId()).contains("fw-1");
        assertThat(successor.apps()).hasSize(1);
        assertThat(successor.versions(PathId.parse("/web"))).containsExactly("v1");
        successor.saveFrameworkId("fw-2");
        assertThat(successor.frameworkId()).contains("fw-2");
    }
}
