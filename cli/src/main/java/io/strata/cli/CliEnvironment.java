package io.strata.cli;

import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch outside itself: its output streams, the environment variables, how to find the
 * master and the HTTP transport. {@link #system()} wires the real process; tests inject their own so a command
 * runs in-process.
 */
public record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> env, MasterLocator locator,
                             HttpTransport transport) {
    /** Copies the environment map. */
    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** The process' stdout, stderr and environment. */
    public static CliEnvironment system() {
        return of(System.out, System.err, System.getenv());
    }

    /** Given streams and environment, the standard master locator and a fresh transport. */
    public static CliEnvironment of(PrintStream out, PrintStream err, Map<String, String> env) {
        return new CliEnvironment(out, err, env, MasterLocator.standard(), HttpTransport.create());
    }
}
