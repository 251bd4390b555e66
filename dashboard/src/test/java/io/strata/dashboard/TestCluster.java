package io.strata.dashboard;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;

/**
 * A real cluster for the dashboard's tests: ZooKeeper (curator-test), a master and one agent running tasks as
 * real processes in cgroups, all on loopback with ephemeral ports, plus a dashboard server in front of them that
 * passes {@code /mesos/*} through to the master (the admin router's job in production).
 */
final class TestCluster implements AutoCloseable {
    /** The agent's attributes, shown on the Nodes page. */
    static final String ATTRIBUTES = "rack:r1;zone:z1";

    final TestingServer zk;
    final Master master;
    final Agent agent;
    final DashboardServer dashboard;

    private TestCluster(TestingServer zk, Master master, Agent agent, DashboardServer dashboard) {
        this.zk = zk;
        this.master = master;
        this.agent = agent;
        this.dashboard = dashboard;
    }

    /** Starts everything under {@code dir}; the dashboard samples every 500 ms. */
    static TestCluster start(Path dir) {
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
        DashboardServer dashboard = DashboardServer.start(DashboardConfig.defaults(master.url())
                .withListen("127.0.0.1", 0).withSampleInterval(Duration.ofMillis(500))
                .withMesosUpstream(URI.create(master.url())));
        return new TestCluster(zk, master, agent, dashboard);
    }

    @Override
    public void close() {
        dashboard.close();
        agent.shutdown(Duration.ofSeconds(3));
        master.close();
        try {
            zk.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
