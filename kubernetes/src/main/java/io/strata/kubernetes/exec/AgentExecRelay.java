package io.strata.kubernetes.exec;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Copies one exec's channel messages between the client and the agent's exec WebSocket ({@code v5.channel.k8s.io}):
 * the client's stdin, close signal and resize go to the agent; the agent's stdout, stderr and final Status come back;
 * whichever side closes first closes the other. A v5/v4 WebSocket client gets the messages unchanged; other channel
 * protocols go through {@link WebSocketChannels}, SPDY through {@link SpdyExecSession} (both {@link ChannelPeer}s,
 * given to {@link #attach}). The agent's messages are read one at a time, the next only once the previous was
 * written to the client.
 */
public final class AgentExecRelay implements WebSocketUpgrade.Connection, WebSocket.Listener {
    /** The channel subprotocols the agent is asked for, newest first. */
    static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final CompletableFuture<ChannelPeer> peer = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile WebSocket agent;

    private AgentExecRelay() {
    }

    /** Why the agent refused the exec before upgrading: its HTTP status and message. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The agent's HTTP status (404 unknown task, 409 not running, 400 bad request), or 502 when unreachable. */
        public int status() {
            return status;
        }
    }

    /**
     * Opens the agent's exec WebSocket for {@code target} with kubectl's query parameters (command, stdin, stdout,
     * stderr, tty).
     *
     * @throws Refused when the agent answers without upgrading or cannot be reached
     */
    public static AgentExecRelay connect(HttpClient http, ExecTarget target, Map<String, List<String>> query) {
        AgentExecRelay relay = new AgentExecRelay();
        URI uri = URI.create(target.agent().toString().replaceFirst("^http", "ws").replaceAll("/+$", "")
                + "/api/v1/containers/" + URLEncoder.encode(target.taskId(), StandardCharsets.UTF_8) + "/exec?"
                + agentQuery(query));
        try {
            relay.agent = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .subprotocols(PROTOCOLS.get(0), PROTOCOLS.subList(1, PROTOCOLS.size()).toArray(String[]::new))
                    .buildAsync(uri, relay).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return relay;
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                throw new Refused(status, message(h.getResponse().body(), status, target.taskId()));
            }
            throw new Refused(502, "cannot reach the agent at " + target.agent() + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new Refused(502, "the agent at " + target.agent() + " did not answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(502, "interrupted while connecting to the agent");
        }
    }

    /**
     * The agent's JSON error {@code {"code":..,"message":..}} reduced to its message; the JDK client does not read
     * refused handshakes' bodies, so the status is explained when the body is empty.
     */
    static String message(Object body, int status, String taskId) {
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : body == null ? "" : body.toString();
        int key = text.indexOf("\"message\":\"");
        if (key >= 0) {
            int start = key + "\"message\":\"".length();
            int end = text.indexOf('"', start);
            if (end > start) {
                return text.substring(start, end);
            }
        }
        if (!text.isBlank()) {
            return text.strip();
        }
        return switch (status) {
            case 404 -> "task " + taskId + " is not known on its agent";
            case 409 -> "task " + taskId + " is not running";
            default -> "the agent refused the exec with HTTP " + status;
        };
    }

    static String agentQuery(Map<String, List<String>> query) {
        String commands = query.getOrDefault("command", List.of()).stream()
                .map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        StringBuilder out = new StringBuilder(commands);
        for (String flag : List.of("stdin", "stdout", "stderr", "tty")) {
            List<String> values = query.getOrDefault(flag, List.of());
            if (!values.isEmpty() && (values.get(values.size() - 1).equals("true")
                    || values.get(values.size() - 1).equals("1"))) {
                out.append('&').append(flag).append("=true");
            }
        }
        return out.toString();
    }

    // ---- kubectl side ----

    @Override
    public void opened(WebSocketPeer client) {
        ClientProtocol protocol = ClientProtocol.of(client.subprotocol()).orElse(ClientProtocol.V5);
        attach(protocol.base64() || !protocol.statusJson() ? new WebSocketChannels(client, protocol) : client);
    }

    /** Starts relaying the agent's messages to {@code client}; call once. */
    public void attach(ChannelPeer client) {
        peer.complete(client);
    }

    /** A base64 client's text message, decoded and sent to the agent (malformed ones are dropped). */
    @Override
    public void onText(String message) {
        WebSocketChannels.decode(message).ifPresent(this::onMessage);
    }

    @Override
    public void onMessage(ByteBuffer message) {
        WebSocket a = agent;
        if (a != null && !a.isOutputClosed()) {
            a.sendBinary(message, true).join();
        }
    }

    @Override
    public void closed(int code, String reason) {
        WebSocket a = agent;
        if (a != null && !a.isOutputClosed()) {
            a.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        if (a != null) {
            a.abort();
        }
    }

    // ---- agent side (the JDK client calls these one at a time) ----

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (!last) {
            webSocket.request(1);
            return null;
        }
        ByteBuffer whole = ByteBuffer.wrap(partial.toByteArray());
        partial.reset();
        return peer.thenCompose(client -> client.sendAsync(whole)).whenComplete((ok, error) -> {
            if (error == null) {
                webSocket.request(1);
            } else {
                webSocket.abort();
            }
        });
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // 1011 (the agent failed) is passed on; anything else ends the exec normally
        peer.thenAccept(client -> client.close(statusCode == 1011 ? 1011 : 1000, reason == null ? "" : reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        peer.thenAccept(client -> client.close(1011, "agent connection failed"));
    }
}
