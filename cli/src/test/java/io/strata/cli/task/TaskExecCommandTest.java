package io.strata.cli.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.cli.StrataCli;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata task exec} against a real ZooKeeper, master and agent in-process: a task started with
 * {@code strata execute} is entered through the agent's exec endpoint; output, exit code and stdin ({@code -i}).
 */
class TaskExecCommandTest {
    @TempDir
    static Path dir;
    private static EmbeddedZooKeeper zk;
    private static Master master;
    private static Agent agent;
    private static Thread execute;

    /** The outcome of one in-process CLI run. */
    record Run(int exit, String out, String err) {
    }

    private static Run strata(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StrataCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), "127.0.0.1", 0);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.connectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100)));
        assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
        Path work = dir.resolve("agent").toAbsolutePath();
        agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, master.url(), work)
                .withResources("cpus:2;mem:1024;disk:100;ports:[31800-31810]")
                .withCgroupName("cli-exec-" + Integer.toHexString(work.toString().hashCode())));
        await().atMost(Duration.ofSeconds(60)).until(agent::connected);
        // strata execute keeps its framework (and the task) until the task ends
        execute = Thread.ofPlatform().daemon().start(() -> strata("execute", "--master", master.url(), "--name",
                "sleeper", "--task-id", "sleeper", "--command", "exec sleep 600"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                strata("task", "list", "--master", master.url()).out().contains("TASK_RUNNING"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (master != null) {
            strata("task", "kill", "--master", master.url(), "sleeper");
        }
        if (execute != null) {
            execute.join(Duration.ofSeconds(30));
        }
        if (agent != null) {
            agent.shutdown(Duration.ofSeconds(1));
        }
        if (master != null) {
            master.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void exec_command_printsItsOutputAndExitsWithItsCode() {
        Run run = strata("task", "exec", "--master", master.url(), "sleeper", "--", "sh", "-c",
                "echo in-$MESOS_TASK_ID; echo warn >&2; exit 4");

        assertThat(run.out()).isEqualTo("in-sleeper\n");
        assertThat(run.err()).isEqualTo("warn\n");
        assertThat(run.exit()).isEqualTo(4);
    }

    @Test
    void exec_interactive_sendsStdinUntilItsEnd() {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
        Run run;
        try {
            run = strata("task", "exec", "--master", master.url(), "-i", "sleeper", "--", "cat");
        } finally {
            System.setIn(original);
        }

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void exec_unknownTask_failsWithExitOne() {
        Run run = strata("task", "exec", "--master", master.url(), "nosuchtask", "--", "true");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no task with id 'nosuchtask'");
    }

    @Test
    void help_showsTheUsage() {
        Run run = strata("task", "exec", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: strata task exec").contains("-i, --interactive")
                .contains("Put -- before the command");
        assertThat(List.of(StrataCli.commandLine().getSubcommands().get("task").getSubcommands().keySet()
                .toArray())).contains("exec");
    }
}
