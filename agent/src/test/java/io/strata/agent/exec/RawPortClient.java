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
 * A test client of the agent's port-forward endpoint over the JDK's WebSocket: raw bytes both ways, an empty message
 * as its half-close, and the server's close. (Exec tests use the shared {@code io.strata.client.exec
 * .ExecChannelClient}.)
 */
public final class RawPortClient implements WebSocket.Listener {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";
    private WebSocket socket;

    private RawPortClient() {
    }

    /** Opens a port-forward session at {@code uri} (no subprotocol). */
    public static RawPortClient open(URI uri) {
        RawPortClient client = new RawPortClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, client).join();
        return client;
    }

    /** Sends {@code text} to the port. */
    public void send(String text) {
        socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    /** Half-closes: the port reads EOF, its answer still comes back. */
    public void finishWrites() {
        socket.sendBinary(ByteBuffer.allocate(0), true).join();
    }

    /** Waits for the server's close and returns its code. */
    public int awaitClose() throws Exception {
        return closed.get(60, TimeUnit.SECONDS);
    }

    /** The close reason the server gave. */
    public String closeReason() {
        return closeReason;
    }

    /** Everything received. */
    public synchronized String received() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
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
