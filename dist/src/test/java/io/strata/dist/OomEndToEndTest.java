package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task over its memory limit is OOM-killed in its cgroup and reported as a memory limitation. */
class OomEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;

    @BeforeAll
    static void up() {
        cluster = TestClusters.singleAgent(dir);
    }

    @AfterAll
    static void down() {
        TestClusters.close(cluster);
    }

    @Test
    void execute_taskAllocatesMoreThanItsMemory_failsWithMemoryLimitation() {
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "hog",
                "--resources", "cpus:0.1;mem:32", "--command", "python3 -c \"a=bytearray(200*1024*1024)\"");

        assertThat(run.code()).as(run.toString()).isNotZero();
        assertThat(run.out() + run.err()).as(run.toString())
                .contains("TASK_FAILED")
                .contains("REASON_CONTAINER_LIMITATION_MEMORY")
                .containsIgnoringCase("memory limit exceeded");
    }

    @Test
    void execute_taskWithinItsMemory_finishes() {
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "modest",
                "--resources", "cpus:0.1;mem:64", "--command", "python3 -c \"a=bytearray(8*1024*1024)\"");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("TASK_FINISHED");
    }
}
