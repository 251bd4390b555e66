package io.strata.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Helpers for command classes. */
public final class Commands {
    private Commands() {
    }

    /**
     * The environment of the command tree {@code spec} belongs to: the one its root {@link StrataCli} was built
     * with. Commands added by other modules reach it the same way.
     */
    public static CliEnvironment environment(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof StrataCli cli) {
            return cli.environment();
        }
        throw new IllegalStateException("command " + spec.qualifiedName() + " is not under StrataCli");
    }
}
