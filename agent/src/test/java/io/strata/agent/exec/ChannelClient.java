package io.strata.agent.exec;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A test client of the agent's exec and port-forward endpoints over the JDK's WebSocket: collects what arrives on each
 * channel (or, raw, everything) and the close.
 */
public final class ChannelClient implements WebSocket.Listener {
    private final boolean raw;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private volatile String status;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";
    private volatile String subprotocol;
    private WebSocket socket;

    private ChannelClient(boolean raw) {
        this.raw = raw;
    }

    /** Opens an exec session at {@code uri} offering {@code v5.channel.k8s.io}. */
    public static ChannelClient exec(URI uri) {
        return open(uri, false, Channels.V5);
    }

    /** Opens a port-forward session at {@code uri} (no subprotocol). */
    public static ChannelClient portForward(URI uri) {
        return open(uri, true, null);
    }

    private static ChannelClient open(URI uri, boolean raw, String protocol) {
        ChannelClient client = new ChannelClient(raw);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30));
        if (protocol != null) {
            builder.subprotocols(protocol);
        }
        client.socket = builder.buildAsync(uri, client).join();
        client.subprotocol = client.socket.getSubprotocol();
        return client;
    }

    /** The subprotocol the server chose. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Sends {@code text} on stdin (exec) or raw (port-forward). */
    public void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = raw ? ByteBuffer.wrap(bytes) : Channels.frame(Channels.STDIN, bytes, 0, bytes.length);
        socket.sendBinary(out, true).join();
    }

    /** Sends the v5 signal closing stdin. */
    public void closeStdin() {
        socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}), true).join();
    }

    /** Closes the WebSocket from the client side. */
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    /** Waits for the server's close and returns its code. */
    public int awaitClose() throws Exception {
        return closed.get(60, TimeUnit.SECONDS);
    }

    /** The close reason the server gave. */
    public String closeReason() {
        return closeReason;
    }

    /** Everything received on stdout (or raw). */
    public synchronized String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** Everything received on stderr. */
    public synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** The final Status JSON, or null before it arrived. */
    public String status() {
        return status;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (raw) {
            stdout.writeBytes(bytes);
        } else {
            message.writeBytes(bytes);
            if (last) {
                byte[] whole = message.toByteArray();
                message.reset();
                if (whole.length > 0) {
                    switch (whole[0]) {
                        case Channels.STDOUT -> stdout.write(whole, 1, whole.length - 1);
                        case Channels.STDERR -> stderr.write(whole, 1, whole.length - 1);
                        case Channels.ERROR -> status = new String(whole, 1, whole.length - 1,
                                StandardCharsets.UTF_8);
                        default -> {
                        }
                    }
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
