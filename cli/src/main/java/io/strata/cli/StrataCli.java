package io.strata.cli;

import io.strata.cli.app.AppCommand;
import io.strata.cli.config.ConfigCommand;
import io.strata.cli.execute.ExecuteCommand;
import io.strata.cli.framework.FrameworkCommand;
import io.strata.cli.job.JobCommand;
import io.strata.cli.kubectl.KubectlCommand;
import io.strata.cli.node.NodeCommand;
import io.strata.cli.servicelist.ServiceCommand;
import io.strata.cli.task.TaskCommand;
import io.strata.client.StrataClientException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root of the {@code strata} command.
 *
 * <p>{@link #commandLine()} builds the picocli tree of the client commands; other modules add theirs with
 * {@code commandLine().addSubcommand(...)} and reach the injected streams through
 * {@link Commands#environment}. {@link #run(PrintStream, PrintStream, Map, String...)} runs a command line
 * in-process and returns its exit code ({@link ExitCodes}) instead of exiting.
 */
@Command(name = "strata", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Operate a Strata cluster: nodes, tasks, frameworks, services (apps), jobs; task logs; one-off tasks.",
        subcommands = {NodeCommand.class, TaskCommand.class, FrameworkCommand.class, ExecuteCommand.class,
                AppCommand.class, JobCommand.class, ServiceCommand.class, KubectlCommand.class, DashboardCommand.class, ConfigCommand.class,
                io.strata.cli.pkg.PackageCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad usage or input, 3 cannot reach the master."})
public final class StrataCli implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    /** A root command over the given environment. */
    public StrataCli(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The environment its commands use. */
    public CliEnvironment environment() {
        return environment;
    }

    /** Without a subcommand: print usage on stderr and fail as bad usage. */
    @Override
    public Integer call() {
        return usage(spec);
    }

    /** The command tree over the real process (stdout, stderr, environment variables). */
    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /**
     * The command tree over {@code environment}: picocli's help and error output go to its streams, and
     * {@link StrataClientException} and {@link CliFailure} become a one-line message on stderr plus their exit
     * code.
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new StrataCli(environment));
        commandLine.setOut(writer(environment.out()));
        commandLine.setErr(writer(environment.err()));
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine command = exception.getCommandLine();
            command.getErr().println("strata: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, command.getErr());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more "
                    + "information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof StrataClientException e) {
                command.getErr().println("strata: " + e.getMessage());
                return e.exitCode();
            }
            if (exception instanceof CliFailure e) {
                command.getErr().println("strata: " + e.getMessage());
                return e.exitCode();
            }
            throw exception;
        });
        // strata kubectl passes every argument, options included, to kubectl
        commandLine.getSubcommands().get("kubectl").setUnmatchedOptionsArePositionalParams(true)
                .setStopAtPositional(true);
        return commandLine;
    }

    /** Runs against the real process. */
    public static int run(String... args) {
        return run(CliEnvironment.system(), args);
    }

    /** Runs with injected streams and the process' environment variables. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** Runs with injected streams and environment variables (e.g. {@code STRATA_MASTER}). */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        return run(CliEnvironment.of(out, err, env), args);
    }

    /** Runs one command line in {@code environment} and returns the exit code. */
    public static int run(CliEnvironment environment, String... args) {
        CommandLine commandLine = commandLine(environment);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
            environment.out().flush();
            environment.err().flush();
        }
    }

    /** The process entry point. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Prints a group command's usage on stderr and returns {@link ExitCodes#USAGE}. */
    public static int usage(CommandSpec spec) {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
