package io.strata.cli.app;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout} of the commands that start a deployment. */
public final class WaitOptions {
    @Option(names = "--wait", description = "Show progress and return when the deployment has ended.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "With --wait: give up (exit 1) after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** The timeout as a duration. */
    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
