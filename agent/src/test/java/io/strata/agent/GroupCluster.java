package io.strata.agent;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * A real kernel in-process for end-to-end tests of task groups: ZooKeeper, a master and one agent with real cgroups,
 * all on 127.0.0.1 with ephemeral ports. The agent can be restarted on its work directory (its tasks keep running).
 */
final class GroupCluster implements AutoCloseable {
    /** The agent's resources. */
    static final String RESOURCES = "cpus:4;mem:4096;disk:1000;ports:[31000-31100]";
    private final EmbeddedZooKeeper zk;
    private final Master master;
    private final Path workDir;
    private final String cgroupName;
    private final ImageSettings images;
    private volatile Agent agent;

    private GroupCluster(Path dataDir, ImageSettings images) {
        this.images = images;
        zk = EmbeddedZooKeeper.start(dataDir.resolve("zk"), "127.0.0.1", 0);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.connectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100)).withHeartbeatInterval(Duration.ofMillis(250)));
        if (!master.awaitLeadership(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the master did not lead within 30 s");
        }
        workDir = dataDir.resolve("agent").toAbsolutePath();
        cgroupName = "group-test-" + Integer.toHexString(workDir.toString().hashCode());
        agent = startAgent();
    }

    /** Starts ZooKeeper, a master and an agent under {@code dataDir}; waits until the agent registered. */
    static GroupCluster start(Path dataDir) {
        return new GroupCluster(dataDir, ImageSettings.DEFAULT);
    }

    /** As {@link #start(Path)}, with the agent pulling images as {@code images} says. */
    static GroupCluster start(Path dataDir, ImageSettings images) {
        return new GroupCluster(dataDir, images);
    }

    private Agent startAgent() {
        Agent a = Agent.start(AgentConfig.defaults("127.0.0.1", 0, master.url(), workDir).withResources(RESOURCES)
                .withCgroupName(cgroupName).withImages(images));
        Awaitility.await("agent registered").atMost(Duration.ofSeconds(30)).until(a::connected);
        return a;
    }

    /** Stops the agent as a crash would (its tasks keep running) and starts a new one on the same work directory. */
    Agent restartAgent() {
        return restartAgent(Duration.ZERO);
    }

    /** As {@link #restartAgent()}, with the agent down for {@code down} in between. */
    Agent restartAgent(Duration down) {
        agent.close();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        agent = startAgent();
        return agent;
    }

    Master master() {
        return master;
    }

    Agent agent() {
        return agent;
    }

    Path workDir() {
        return workDir;
    }

    /** Kills every task left, then stops the agent, the master and ZooKeeper. */
    @Override
    public void close() {
        try {
            agent.shutdown(Duration.ofSeconds(1));
        } finally {
            master.close();
            zk.close();
        }
    }
}
