package io.strata.client.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The client side of an exec WebSocket in {@code v5.channel.k8s.io} (the agent's {@code /api/v1/containers/{id}/exec}
 * and Kubernetes' {@code pods/exec}): channel 1 and 2 messages are written to the given streams as they arrive,
 * stdin goes out on channel 0 and is closed with {@code 0xff 0x00}, resizes go on channel 4, and the channel 3 Status
 * becomes an {@link ExecStatus} once the server closes. Senders may call from any thread (sends are serialised).
 */
public final class ExecChannelClient implements WebSocket.Listener {
    /** The subprotocol offered. */
    public static final String PROTOCOL = "v5.channel.k8s.io";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** How the exec ended: the close code and reason, and the Status JSON if one arrived. */
    public record Ended(int closeCode, String reason, Optional<String> status) {
        /** The command's exit status; a missing Status is a failure saying so. */
        public ExecStatus exitStatus() {
            return status.map(ExecStatus::parse).orElseGet(() -> new ExecStatus(1, Optional.of(
                    "the exec ended without a status (close " + closeCode + (reason.isEmpty() ? "" : ": " + reason)
                            + ")")));
        }
    }

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();
    private volatile String status;
    private WebSocket socket;

    private ExecChannelClient(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Opens the exec at {@code uri} (a {@code ws://} address carrying the command and flags).
     *
     * @throws CompletionException wrapping a {@link java.net.http.WebSocketHandshakeException} when the server
     *     refused (its status code says why), or the I/O error when it cannot be reached
     */
    public static ExecChannelClient open(HttpClient http, URI uri, OutputStream stdout, OutputStream stderr) {
        ExecChannelClient client = new ExecChannelClient(stdout, stderr);
        client.socket = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).subprotocols(PROTOCOL)
                .buildAsync(uri, client).join();
        return client;
    }

    /** The subprotocol the server echoed. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset} on stdin and waits until they are written. */
    public synchronized void sendStdin(byte[] data, int offset, int length) {
        ByteBuffer frame = ByteBuffer.allocate(length + 1).put((byte) 0).put(data, offset, length).flip();
        socket.sendBinary(frame, true).join();
    }

    /** Sends {@code text} (UTF-8) on stdin. */
    public void sendStdin(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sendStdin(bytes, 0, bytes.length);
    }

    /** Sends the v5 signal that closes the command's stdin. */
    public synchronized void closeStdin() {
        socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}), true).join();
    }

    /** Sends a terminal size on the resize channel ({@code {"Width":W,"Height":H}}). */
    public synchronized void resize(int width, int height) {
        byte[] json = ("{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(json.length + 1).put((byte) 4).put(json).flip();
        socket.sendBinary(frame, true).join();
    }

    /**
     * Copies {@code in} to stdin on a daemon thread and closes stdin at its end; stops quietly if the exec ends
     * first.
     */
    public void pumpStdin(InputStream in) {
        Thread.ofPlatform().daemon().name("exec-stdin").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (n > 0) {
                        sendStdin(buffer, 0, n);
                    }
                }
                closeStdin();
            } catch (IOException | CompletionException e) {
                // the exec ended first: the rest of stdin has nowhere to go
            }
        });
    }

    /** Closes the WebSocket from the client side (the server then ends the command). */
    public synchronized void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null).join();
    }

    /** Completes when the server closed or the connection failed (close code 1006 then). */
    public CompletableFuture<Ended> ended() {
        return ended;
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
                    case 1 -> write(stdout, message);
                    case 2 -> write(stderr, message);
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

    private static void write(OutputStream to, byte[] message) {
        try {
            to.write(message, 1, message.length - 1);
            to.flush();
        } catch (IOException e) {
            // the local output went away: the command's output has nowhere to go
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete(new Ended(statusCode, reason == null ? "" : reason, Optional.ofNullable(status)));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete(new Ended(1006, String.valueOf(error.getMessage()), Optional.ofNullable(status)));
    }
}
