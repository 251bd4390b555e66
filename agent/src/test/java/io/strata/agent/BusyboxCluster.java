package io.strata.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.image.BusyboxRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the image task tests share: a registry on loopback serving busybox, a master and an agent that pulls from it
 * and runs images with runc, and a framework subscribed to the master. Skips the test (an assumption) where runc is
 * not installed.
 */
final class BusyboxCluster implements AutoCloseable {
    final BusyboxRegistry registry;
    final GroupCluster cluster;
    final GroupFramework framework;

    private BusyboxCluster(BusyboxRegistry registry, GroupCluster cluster, GroupFramework framework) {
        this.registry = registry;
        this.cluster = cluster;
        this.framework = framework;
    }

    /** Starts the three under {@code dataDir} (the registry's storage in {@code dataDir/registry}). */
    static BusyboxCluster start(Path dataDir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")), "runc is not installed");
        BusyboxRegistry registry = BusyboxRegistry.start(Files.createDirectories(dataDir.resolve("registry")));
        GroupCluster cluster = null;
        try {
            cluster = GroupCluster.start(dataDir, new ImageSettings(registry.address(), Set.of(), "runc"));
            return new BusyboxCluster(registry, cluster, GroupFramework.subscribe(cluster.master().url()));
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            registry.close();
            throw e;
        }
    }

    /** Stops the framework, then the cluster (killing what runs), then the registry. */
    @Override
    public void close() {
        framework.close();
        cluster.close();
        registry.close();
    }
}
