package io.strata.dist;

import java.nio.file.Path;

/** The local clusters end-to-end tests start. */
final class TestClusters {
    /** The agent resources most tests use: room for a few small tasks and 101 ports. */
    static final String AGENT_RESOURCES = "cpus:2;mem:1024;disk:1024;ports:[31000-31100]";

    private TestClusters() {
    }

    /** A cluster of one agent with {@link #AGENT_RESOURCES}, in {@code dir}, on ephemeral ports. */
    static LocalCluster singleAgent(Path dir) {
        return LocalCluster.start(LocalCluster.Settings.forTests(dir, 1).withAgentResources(AGENT_RESOURCES),
                line -> { });
    }

    /** Closes a cluster a test class started, if it started. */
    static void close(LocalCluster cluster) {
        if (cluster != null) {
            cluster.close();
        }
    }
}
