package io.strata.cli.task;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import io.strata.client.exec.ExecStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The client side of the agent's exec WebSocket ({@code v5.channel.k8s.io}, docs/agent-exec.md): channel 1 and 2
 * messages are copied to stdout and stderr as they arrive, stdin (when attached) is sent on channel 0 and closed with
 * {@code 0xff 0x00} at its end, and the channel 3 Status gives the exit code.
 */
final class ExecStream implements WebSocket.Listener {
    static final String PROTOCOL = "v5.channel.k8s.io";

    private final PrintStream out;
    private final PrintStream err;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile String status;

    private ExecStream(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the exec at {@code uri} and returns the command's exit code.
     *
     * @param stdin the stream to send as the command's stdin, or null to attach none
     * @throws CliFailure when the agent refuses (unknown or ended task) or cannot be reached
     */
    static int run(URI uri, InputStream stdin, PrintStream out, PrintStream err) {
        ExecStream stream = new ExecStream(out, err);
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .subprotocols(PROTOCOL).buildAsync(uri, stream).join();
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
        if (stdin != null) {
            Thread.ofPlatform().daemon().name("exec-stdin").start(() -> pumpStdin(stdin, socket));
        }
        return stream.exit.join();
    }

    private static void pumpStdin(InputStream stdin, WebSocket socket) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = stdin.read(buffer)) >= 0) {
                if (n > 0) {
                    ByteBuffer frame = ByteBuffer.allocate(n + 1).put((byte) 0).put(buffer, 0, n).flip();
                    socket.sendBinary(frame, true).join();
                }
            }
            socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}), true).join();
        } catch (IOException | CompletionException e) {
            // the exec ended first: the rest of stdin has nowhere to go
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            if (message.length > 0) {
                switch (message[0]) {
                    case 1 -> write(out, message);
                    case 2 -> write(err, message);
                    case 3 -> status = new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
                    default -> {
                        // other channels carry nothing for a client
                    }
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    private static void write(PrintStream to, byte[] message) {
        to.write(message, 1, message.length - 1);
        to.flush();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        exit.complete(exitCode(status, err));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        err.println("strata: lost the connection to the agent: " + error.getMessage());
        exit.complete(ExitCodes.FAILURE);
    }

    /** 0 for Success, the ExitCode cause for NonZeroExitCode, else 1 after printing the Status message. */
    static int exitCode(String status, PrintStream err) {
        if (status == null) {
            err.println("strata: the exec ended without a status");
            return ExitCodes.FAILURE;
        }
        ExecStatus parsed = ExecStatus.parse(status);
        parsed.failure().ifPresent(why -> err.println("strata: " + why));
        return parsed.exitCode();
    }
}
