package io.strata.agent;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the image task tests: each test gets a fresh {@link BusyboxCluster} (busybox registry, master, agent with
 * runc, framework) in its own temporary directory, closed after it.
 */
abstract class BusyboxClusterTest {
    @TempDir
    Path dataDir;
    BusyboxCluster images;
    GroupCluster cluster;
    GroupFramework framework;

    @BeforeEach
    void startBusyboxCluster() throws Exception {
        images = BusyboxCluster.start(dataDir);
        cluster = images.cluster;
        framework = images.framework;
    }

    @AfterEach
    void stopBusyboxCluster() {
        if (images != null) {
            images.close();
        }
    }
}
