package io.strata.dist;

import io.strata.cli.StrataCli;
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
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || !ServerCommands.keepRunning()) {
            System.exit(code);
        }
    }
}
