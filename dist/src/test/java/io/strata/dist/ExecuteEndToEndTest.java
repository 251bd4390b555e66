package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `strata execute` against a real local cluster: ZooKeeper, master and an agent with cgroups. */
class ExecuteEndToEndTest {
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
    void execute_successfulCommand_printsStatesAndExitsZero() {
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "hello",
                "--command", "echo hello-from-strata", "--follow");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("TASK_RUNNING").contains("TASK_FINISHED").contains("hello-from-strata");
    }

    @Test
    void execute_failingCommand_exitsNonZeroWithState() {
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "fail",
                "--command", "exit 3");
        assertThat(run.code()).isNotZero();
        assertThat(run.out() + run.err()).contains("TASK_FAILED").contains("status 3");
    }

    @Test
    void execute_withPortsResource_taskGetsItsPortInTheEnvironment() {
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "ported",
                "--resources", "cpus:0.1;mem:32;ports:2", "--command", "echo port=$PORT0 ports=$PORTS", "--follow");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("port=310[0-9][0-9] ports=310[0-9][0-9],310[0-9][0-9]");
    }

    @Test
    void execute_fractionalPorts_isRefusedAsBadInput() {
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "bad",
                "--resources", "cpus:0.1;mem:32;ports:1.5", "--command", "true");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("ports");
    }
}
