package io.strata.cli.task;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import io.strata.client.exec.ExecChannelClient;
import io.strata.client.exec.ExecStatus;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Runs one exec through the agent's exec WebSocket with the shared {@link ExecChannelClient} (docs/agent-exec.md):
 * output printed as it arrives, stdin (when attached) sent and closed at its end, and the final Status turned into the
 * exit code; a refusal or an unreachable agent becomes a {@link CliFailure}.
 */
final class ExecStream {

    private ExecStream() {
    }

    /**
     * Runs the exec at {@code uri} and returns the command's exit code.
     *
     * @param stdin the stream to send as the command's stdin, or null to attach none
     * @param terminalSize the command terminal's {columns, rows} to send first, if any
     * @throws CliFailure when the agent refuses (unknown or ended task) or cannot be reached
     */
    static int run(URI uri, InputStream stdin, Optional<int[]> terminalSize, PrintStream out, PrintStream err) {
        ExecChannelClient client;
        try {
            client = ExecChannelClient.open(HttpClient.newHttpClient(), uri, out, err);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                int code = h.getResponse().statusCode();
                throw new CliFailure(ExitCodes.FAILURE, switch (code) {
                    case 404 -> "the agent does not know this task";
                    case 409 -> "the task is not running (it ended or has not started yet)";
                    default -> "the agent refused the exec (HTTP " + code + ")";
                });
            }
            throw new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the agent at " + uri.getHost() + ":"
                    + uri.getPort() + ": " + e.getCause().getMessage());
        }
        // a terminal exec waits briefly for its first size before it starts
        terminalSize.ifPresent(size -> client.resize(size[0], size[1]));
        if (stdin != null) {
            client.pumpStdin(stdin);
        }
        ExecChannelClient.Ended ended = client.ended().join();
        if (ended.closeCode() == 1006) {
            err.println("strata: lost the connection to the agent: " + ended.reason());
            return ExitCodes.FAILURE;
        }
        return exitCode(ended.exitStatus(), err);
    }

    /** 0 for Success, the ExitCode cause for NonZeroExitCode, else 1 after printing why. */
    static int exitCode(ExecStatus status, PrintStream err) {
        status.failure().ifPresent(why -> err.println("strata: " + why));
        return status.exitCode();
    }
}
