package io.strata.kubernetes.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's {@code v5.channel.k8s.io} messages re-framed for a client of another {@link ClientProtocol} on a
 * WebSocket: base64 text messages for the base64 variants, and for the unversioned protocols the error channel's
 * Status reduced to its message (nothing on success), as the kubelet writes it.
 */
final class WebSocketChannels implements ChannelPeer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR = 3;
    private final WebSocketPeer peer;
    private final ClientProtocol protocol;

    WebSocketChannels(WebSocketPeer peer, ClientProtocol protocol) {
        this.peer = peer;
        this.protocol = protocol;
    }

    @Override
    public CompletableFuture<Void> sendAsync(ByteBuffer message) {
        if (!message.hasRemaining()) {
            return CompletableFuture.completedFuture(null);
        }
        int channel = message.get(message.position()) & 0xff;
        byte[] payload = new byte[message.remaining() - 1];
        message.duplicate().position(message.position() + 1).get(payload);
        if (channel == ERROR && !protocol.statusJson()) {
            Optional<String> failure = failureText(payload);
            if (failure.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            payload = failure.get().getBytes(StandardCharsets.UTF_8);
        }
        if (protocol.base64()) {
            return peer.sendTextAsync((char) ('0' + channel) + Base64.getEncoder().encodeToString(payload));
        }
        return peer.sendAsync(ByteBuffer.allocate(payload.length + 1).put((byte) channel).put(payload).flip());
    }

    @Override
    public void close(int code, String reason) {
        peer.close(code, reason);
    }

    /** Empty for a Success Status, else its message (the payload itself when it is not a Status). */
    static Optional<String> failureText(byte[] status) {
        try {
            JsonNode node = JSON.readTree(status);
            if ("Success".equals(node.path("status").asText())) {
                return Optional.empty();
            }
            String message = node.path("message").asText("");
            return Optional.of(message.isEmpty() ? new String(status, StandardCharsets.UTF_8) : message);
        } catch (IOException e) {
            return Optional.of(new String(status, StandardCharsets.UTF_8));
        }
    }

    /**
     * A base64 client's text message as a binary channel message: the leading digit is the channel, the rest its
     * payload in base64; empty when the message is malformed.
     */
    static Optional<ByteBuffer> decode(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getDecoder().decode(text.substring(1).strip());
            return Optional.of(ByteBuffer.allocate(payload.length + 1).put((byte) (text.charAt(0) - '0'))
                    .put(payload).flip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
