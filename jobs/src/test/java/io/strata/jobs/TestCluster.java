package io.strata.jobs;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper ({@link TestingServer}), a real master and one real agent running tasks as processes in
 * cgroups, all in-process on loopback with ephemeral ports, as {@code strata up} wires them.
 */
final class TestCluster implements AutoCloseable {
    static final String AGENT_RESOURCES = "cpus:2;mem:2048;disk:2048;ports:[31000-31100]";

    final TestingServer zk;
    final Master master;
    final Agent agent;

    private TestCluster(TestingServer zk, Master master, Agent agent) {
        this.zk = zk;
        this.master = master;
        this.agent = agent;
    }

    static TestCluster start(Path dir) {
        TestingServer zk;
        try {
            zk = new TestingServer(true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ZooKeeper", e);
        }
        Master master = null;
        try {
            master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                    .withAgentPing(Duration.ofSeconds(15), 5).withHeartbeatInterval(Duration.ofSeconds(1)));
            if (!master.awaitLeadership(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the master did not lead within 30 s");
            }
            Path work = dir.resolve("agent").toAbsolutePath();
            Agent agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, master.url(), work)
                    .withResources(AGENT_RESOURCES)
                    .withCgroupName("jobs-test-" + Integer.toHexString(work.toString().hashCode())));
            return new TestCluster(zk, master, agent);
        } catch (RuntimeException e) {
            if (master != null) {
                master.close();
            }
            closeZk(zk);
            throw e;
        }
    }

    /** A jobs framework config on this cluster: ZooKeeper path {@code /chronos}, an ephemeral port. */
    JobsConfig jobsConfig() {
        return JobsConfig.defaults(zk.getConnectString() + "/chronos", master.url()).withPort(0);
    }

    @Override
    public void close() {
        agent.close();
        master.close();
        closeZk(zk);
    }

    private static void closeZk(TestingServer zk) {
        try {
            zk.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
