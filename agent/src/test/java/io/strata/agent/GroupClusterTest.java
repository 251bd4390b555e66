package io.strata.agent;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the task group tests that share one {@link GroupCluster} (real master and agent) and one
 * {@link GroupFramework} for all the tests of a class; their tests use distinct task ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupClusterTest {
    @TempDir
    static Path dataDir;
    GroupCluster cluster;
    GroupFramework framework;

    @BeforeAll
    void startGroupCluster() {
        cluster = GroupCluster.start(dataDir);
        framework = GroupFramework.subscribe(cluster.master().url());
    }

    @AfterAll
    void stopGroupCluster() {
        if (framework != null) {
            framework.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
