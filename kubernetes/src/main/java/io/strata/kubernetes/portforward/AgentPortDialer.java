package io.strata.kubernetes.portforward;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reaches a port inside a container's network namespace through its agent: a WebSocket to {@code GET
 * /api/v1/containers/{taskId}/portforward?port=N} whose binary messages carry the raw TCP stream. The client's
 * half-close is sent as an empty binary message: the agent shuts down the connection's write side (the pod reads EOF)
 * and the pod's answer still comes back until the pod closes (the agent's close frame).
 */
public final class AgentPortDialer implements PortDialer {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http;
    private final URI agent;
    private final String taskId;

    /** Dials ports of task {@code taskId}'s container on the agent at {@code agent} ({@code http://host:port}). */
    public AgentPortDialer(HttpClient http, URI agent, String taskId) {
        this.http = Objects.requireNonNull(http, "http");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
    }

    /** The WebSocket address for {@code port}. */
    URI address(int port) {
        String scheme = "https".equals(agent.getScheme()) ? "wss" : "ws";
        String base = agent.toString().replaceFirst("^https?", scheme).replaceAll("/+$", "");
        return URI.create(base + "/api/v1/containers/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8)
                + "/portforward?port=" + port);
    }

    @Override
    public PortConnection dial(int port, PortConnection.Receiver receiver) throws IOException {
        Relay relay = new Relay(receiver);
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(address(port), relay)
                    .get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the agent did not answer within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while dialing", e);
        }
        return new Connection(socket);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            String body = h.getResponse().body() instanceof String s ? ": " + s.strip() : "";
            return "the agent refused the connection (HTTP " + h.getResponse().statusCode() + ")" + body;
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Writes in order; JDK WebSocket allows one outstanding send, so each write waits for the previous one. */
    private static final class Connection implements PortConnection {
        private final WebSocket socket;
        private final AtomicBoolean outputClosed = new AtomicBoolean();

        Connection(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public synchronized void write(byte[] data) throws IOException {
            await(socket.sendBinary(ByteBuffer.wrap(data), true));
        }

        @Override
        public synchronized void finishWrites() throws IOException {
            if (outputClosed.compareAndSet(false, true)) {
                await(socket.sendBinary(ByteBuffer.allocate(0), true));
            }
        }

        @Override
        public void close() {
            socket.abort();
        }

        private static void await(CompletableFuture<WebSocket> send) throws IOException {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new IOException(reason(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing", e);
            }
        }
    }

    /** Hands the agent's messages to the receiver one at a time (the next is requested after delivery). */
    private static final class Relay implements WebSocket.Listener {
        private final PortConnection.Receiver receiver;
        private final AtomicBoolean ended = new AtomicBoolean();

        Relay(PortConnection.Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (bytes.length > 0) {
                receiver.onData(bytes);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // the protocol is binary; a text message would be a diagnostic, so it ends the connection with it
            end(data.toString());
            webSocket.abort();
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(statusCode == WebSocket.NORMAL_CLOSURE || reason.isEmpty() ? null : reason);
            webSocket.abort();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(error.getMessage());
        }

        private void end(String error) {
            if (ended.compareAndSet(false, true)) {
                receiver.onEnd(error);
            }
        }
    }
}
