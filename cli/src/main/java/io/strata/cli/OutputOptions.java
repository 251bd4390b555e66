package io.strata.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option of commands that print data. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print the master's JSON instead of a table.")
    boolean json;

    /** Whether JSON output was asked for. */
    public boolean json() {
        return json;
    }
}
