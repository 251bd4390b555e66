package io.strata.dashboard;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.curator.test.TestingServer;

/**
 * A real cluster for the dashboard's tests: ZooKeeper (curator-test), a master and one agent running tasks as
 * real processes in cgroups, all on loopback with ephemeral ports, plus a dashboard server in front of them that
 * passes {@code /mesos/*} through to the master (the admin router's job in production).
 */
final class TestCluster implements AutoCloseable {
    /** The agent's attributes, shown on the Nodes page. */
    static final String ATTRIBUTES = "rack:r1;zone:z1";

    final Path dir;
    final TestingServer zk;
    final Master master;
    final Agent agent;
    private final List<AutoCloseable> extras = new ArrayList<>();
    DashboardServer dashboard;

    private TestCluster(Path dir, TestingServer zk, Master master, Agent agent) {
        this.dir = dir;
        this.zk = zk;
        this.master = master;
        this.agent = agent;
    }

    /** Starts everything under {@code dir} with the dashboard; it samples every 500 ms. */
    static TestCluster start(Path dir) {
        TestCluster cluster = startWithoutDashboard(dir);
        cluster.startDashboard(UnaryOperator.identity());
        return cluster;
    }

    /** Starts the dashboard, its settings adjusted by {@code adjust} (e.g. to add upstreams). */
    void startDashboard(UnaryOperator<DashboardConfig> adjust) {
        dashboard = DashboardServer.start(adjust.apply(DashboardConfig.defaults(master.url())
                .withListen("127.0.0.1", 0).withSampleInterval(Duration.ofMillis(500))
                .withMesosUpstream(URI.create(master.url()))));
    }

    /** Closes {@code component} with the cluster, before the agent and master. */
    <T extends AutoCloseable> T closeLater(T component) {
        extras.add(0, component);
        return component;
    }

    /** Starts ZooKeeper, the master and the agent under {@code dir}. */
    static TestCluster startWithoutDashboard(Path dir) {
        TestingServer zk;
        try {
            zk = new TestingServer(true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ZooKeeper", e);
        }
        Master master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withHeartbeatInterval(Duration.ofSeconds(1)));
        if (!master.awaitLeadership(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the master did not become leader within 30 s");
        }
        Path work = dir.resolve("agent").toAbsolutePath();
        Agent agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, master.url(), work)
                .withResources("cpus:2;mem:2048;disk:4096;ports:[31000-31099]").withAttributes(ATTRIBUTES)
                .withCgroupName("dashboard-test-" + Integer.toHexString(work.toString().hashCode())));
        return new TestCluster(dir, zk, master, agent);
    }

    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        for (AutoCloseable extra : extras) {
            try {
                extra.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        agent.shutdown(Duration.ofSeconds(3));
        master.close();
        try {
            zk.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the cluster and deletes its directory (for clusters started in a directory of their own). */
    void closeAndDelete() {
        close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
