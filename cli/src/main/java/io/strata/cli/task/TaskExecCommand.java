package io.strata.cli.task;

import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.client.AgentClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata task exec [-i] [-t] ID -- CMD ARGS...}: runs a command inside a running task's container (like
 * {@code dcos task exec}) through the exec endpoint of the agent that runs it, found in the master's state. The
 * command's output is printed as it comes; its exit code becomes this command's.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run a command inside a running task's container; its exit code becomes strata's.",
            "Put -- before the command: strata task exec my-task -- ls -l /"})
public final class TaskExecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Option(names = {"-i", "--interactive"}, description = "Send this process's stdin to the command.")
    boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Run the command on a pseudo-terminal of this terminal's size "
            + "(stderr then arrives with stdout; this terminal is not switched to raw mode).")
    boolean tty;
    @Parameters(index = "0", paramLabel = "ID", description = "The task id, or an unambiguous prefix of it.")
    String taskId;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        ClusterTask task = TaskFinder.find(master.client(environment).state(), taskId);
        if (task.completed()) {
            throw new CliFailure(ExitCodes.FAILURE, "task " + task.id() + " has ended (" + task.state()
                    + "): there is no container to enter");
        }
        if (task.agent().isMissingNode()) {
            throw new CliFailure(ExitCodes.FAILURE, "the agent of task " + task.id() + " ("
                    + task.task().path("slave_id").asText() + ") is no longer registered");
        }
        URI agent = AgentClient.baseUri(task.agent().path("pid").asText(null),
                task.agent().path("hostname").asText(null));
        return ExecStream.run(execUri(agent, task.id(), command, interactive, tty),
                interactive ? System.in : null, tty ? LocalTerminal.size() : java.util.Optional.empty(),
                environment.out(), environment.err());
    }

    /** The agent's exec WebSocket address for {@code command} in task {@code taskId}. */
    static URI execUri(URI agent, String taskId, List<String> command, boolean stdin, boolean tty) {
        String query = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + (stdin ? "&stdin=true" : "") + "&stdout=true"
                + (tty ? "&tty=true" : "&stderr=true");
        return URI.create(agent.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + "/api/v1/containers/"
                + URLEncoder.encode(taskId, StandardCharsets.UTF_8) + "/exec?" + query);
    }
}
