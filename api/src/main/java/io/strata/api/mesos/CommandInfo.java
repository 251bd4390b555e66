package io.strata.api.mesos;

import java.util.List;

/**
 * The command of a task. With {@code shell} true (the default) {@code value} runs under {@code /bin/sh -c};
 * otherwise {@code value} is the executable and {@code arguments} the whole argv.
 */
public record CommandInfo(List<Uri> uris, Environment environment, Boolean shell, String value,
                          List<String> arguments, String user) {

    /** A URI to fetch into the sandbox. */
    public record Uri(String value, Boolean executable, Boolean extract, Boolean cache, String outputFile) {
    }

    /** Whether the command runs under a shell (Mesos default: true). */
    public boolean isShell() {
        return shell == null || shell;
    }
}
