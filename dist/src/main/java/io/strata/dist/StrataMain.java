package io.strata.dist;

import io.strata.cli.StrataCli;
import io.strata.store.StoreException;
import picocli.CommandLine;

/** Entry point of the fat jar: {@code strata <command> ...}. */
public final class StrataMain {
    private StrataMain() {
    }

    /** The full command tree: client commands plus server commands. */
    public static CommandLine commandLine() {
        CommandLine cli = StrataCli.commandLine();
        cli.addSubcommand("up", new UpCommand());
        cli.addSubcommand("master", new MasterCommand());
        cli.addSubcommand("agent", new AgentCommand());
        // the frameworks and the DC/OS layer, each runnable as its own process
        cli.addSubcommand("services", new io.strata.services.ServicesCommand());
        cli.addSubcommand("jobs", new io.strata.jobs.JobsCommand());
        cli.addSubcommand("kubernetes", new io.strata.kubernetes.KubernetesCommand());
        cli.addSubcommand("dns", new io.strata.dns.DnsCommand());
        cli.addSubcommand("router", new io.strata.router.RouterCommand());
        cli.addSubcommand("packages", new io.strata.packages.PackagesCommand());
        cli.addSubcommand("dashboard-server", new io.strata.dashboard.DashboardCommand());
        cli.getCommandSpec().usageMessage().description(
                "Strata, a datacenter operating system: run a cluster (up; or each part: master, agent, services, "
                        + "jobs, kubernetes, dns, router, packages, dashboard-server) and operate it (node, task, "
                        + "framework, execute, app, job, service, package, kubectl, dashboard, config).");
        CommandLine.IExecutionExceptionHandler client = cli.getExecutionExceptionHandler();
        // Server commands fail on bad flags and unusable hosts (no cgroups, port taken, ZooKeeper unreachable):
        // one line naming the cause, never a stack trace.
        cli.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof IllegalArgumentException) {
                command.getErr().println("strata: " + exception.getMessage());
                return 2;
            }
            if (exception instanceof IllegalStateException || exception instanceof StoreException
                    || exception instanceof java.io.UncheckedIOException) {
                command.getErr().println("strata: " + exception.getMessage());
                return 1;
            }
            return client.handleExecutionException(exception, command, parseResult);
        });
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || !ServerCommands.keepRunning()) {
            System.exit(code);
        }
    }
}
