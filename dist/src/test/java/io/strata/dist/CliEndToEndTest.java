package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code strata} node, task and framework commands against a real two-agent cluster. */
class CliEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static TestScheduler scheduler;
    static String marker = Processes.marker("cli");

    @BeforeAll
    static void up() {
        cluster = LocalCluster.start(LocalCluster.Settings.forTests(dir, 2).withAgentResources(
                "cpus:1;mem:512;disk:512;ports:[31000-31100]"), line -> { });
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.agents().stream().allMatch(io.strata.agent.Agent::connected));
        scheduler = TestScheduler.subscribe(cluster.master().url(), TestScheduler.info("cli-test", 60,
                FrameworkInfo.Capability.Type.PARTITION_AWARE));
        scheduler.launchAndAwaitRunning("talker", "echo hello-from-talker; while true; do sleep 0.1; done # "
                + marker, "cpus:0.1;mem:32");
        scheduler.launch(new TestScheduler.TaskRequest("quick", "echo quick-output", "cpus:0.1;mem:32", null, null));
        scheduler.awaitTerminal("quick", Duration.ofSeconds(15));
    }

    @AfterAll
    static void down() {
        try {
            if (scheduler != null) {
                scheduler.teardown();
            }
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            Processes.killAll(marker);
        }
    }

    private static Cli.Run strata(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--master";
        all[args.length + 1] = cluster.master().url();
        Cli.Run run = Cli.strata(all);
        assertThat(run.code()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void nodeList_twoAgents_showsBothLoopbackAddresses() {
        Cli.Run run = strata("node", "list");

        assertThat(run.out()).contains("127.0.1.1").contains("127.0.1.2");
    }

    @Test
    void nodeListJson_twoAgents_parsesWithBothHostnames() {
        JsonNode json = strata("node", "list", "--json").json();

        assertThat(json.findValuesAsText("hostname")).contains("127.0.1.1", "127.0.1.2");
    }

    @Test
    void taskList_runningTask_isListedAndCompletedOnlyWithAll() {
        Cli.Run running = strata("task", "list");
        Cli.Run all = strata("task", "list", "--all");

        assertThat(running.out()).contains("talker").contains("TASK_RUNNING").doesNotContain("quick");
        assertThat(all.out()).contains("talker").contains("quick").contains("TASK_FINISHED");
    }

    @Test
    void taskListJson_parsesWithTaskIds() {
        JsonNode json = strata("task", "list", "--all", "--json").json();

        assertThat(json.findValuesAsText("id")).contains("talker", "quick");
    }

    @Test
    void taskLog_runningTask_printsItsStdout() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(strata("task", "log", "talker").out()).contains("hello-from-talker"));
    }

    @Test
    void taskLog_finishedTask_printsItsStdout() {
        assertThat(strata("task", "log", "quick").out()).contains("quick-output");
    }

    @Test
    void frameworkList_showsTheFramework_andJsonParses() {
        assertThat(strata("framework", "list").out()).contains("cli-test");
        List<String> names = strata("framework", "list", "--json").json().findValuesAsText("name");
        assertThat(names).contains("cli-test");
    }

    @Test
    void taskKill_unknownTask_failsWithMessage() {
        Cli.Run run = Cli.strata("task", "kill", "no-such-task", "--master", cluster.master().url());

        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("no-such-task");
    }

    @Test
    void taskKill_ofAnotherTask_endsIt() {
        scheduler.launchAndAwaitRunning("victim", "while true; do sleep 0.1; done # " + marker, "cpus:0.1;mem:32");

        strata("task", "kill", "victim");

        assertThat(scheduler.awaitTerminal("victim", Duration.ofSeconds(10)).state())
                .isEqualTo(TaskState.TASK_KILLED);
    }
}
