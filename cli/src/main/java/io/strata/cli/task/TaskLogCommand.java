package io.strata.cli.task;

import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.cli.sandbox.SandboxFile;
import io.strata.client.AgentClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata task log ID}: the last lines of a task's {@code stdout} (or {@code stderr}), read from its
 * sandbox through the agent that runs it; with {@code --follow}, keeps printing what is appended until
 * interrupted.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Print the last lines of a task's stdout or stderr; --follow keeps printing (Ctrl-C stops).")
public final class TaskLogCommand implements Callable<Integer> {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Parameters(paramLabel = "ID", description = "The task id, or an unambiguous prefix of it.")
    String taskId;
    @Option(names = "--follow", description = "Keep printing new output until interrupted.")
    boolean follow;
    @Option(names = "--stderr", description = "Read stderr instead of stdout.")
    boolean stderr;
    @Option(names = "--lines", paramLabel = "N", defaultValue = "10",
            description = "How many lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new ParameterException(spec.commandLine(), "--lines must not be negative: " + lines);
        }
        CliEnvironment environment = Commands.environment(spec);
        ClusterTask task = TaskFinder.find(master.client(environment).state(), taskId);
        SandboxFile file = sandboxFile(environment, task);
        SandboxFile.Tail tail = file.tail(lines);
        PrintStream out = environment.out();
        out.print(tail.text());
        out.flush();
        if (follow) {
            followFrom(file, tail.end(), out);
        }
        return ExitCodes.OK;
    }

    private SandboxFile sandboxFile(CliEnvironment environment, ClusterTask task) {
        if (task.agent().isMissingNode()) {
            throw new CliFailure(ExitCodes.FAILURE, "the agent of task " + task.id() + " ("
                    + task.task().path("slave_id").asText() + ") is no longer registered");
        }
        AgentClient agent = new AgentClient(AgentClient.baseUri(task.agent().path("pid").asText(null),
                task.agent().path("hostname").asText(null)), environment.transport());
        String directory = AgentClient.sandboxDirectory(agent.state(), task.frameworkId(), task.id())
                .orElseThrow(() -> new CliFailure(ExitCodes.FAILURE, "agent " + agent.agent()
                        + " has no sandbox for task " + task.id() + " (it may have been garbage-collected)"));
        return new SandboxFile(agent, directory + (stderr ? "/stderr" : "/stdout"));
    }

    private static void followFrom(SandboxFile file, long offset, PrintStream out) {
        long position = offset;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            position = file.drain(position, data -> {
                out.print(data);
                out.flush();
            });
        }
    }
}
