package io.strata.kubernetes.exec;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Where an exec's channel messages for the client go, whatever carries them: each message is one channel byte and its
 * payload, as the agent sends them ({@code v5.channel.k8s.io}); an implementation re-frames them for its client
 * (a WebSocket of another channel protocol, or SPDY streams). Thread-safe.
 */
public interface ChannelPeer {

    /** Sends one channel message; completes once written (exceptionally if it could not be). */
    CompletableFuture<Void> sendAsync(ByteBuffer message);

    /** Ends the client's connection: {@code code} 1000 for a normal end, 1011 when the agent failed; idempotent. */
    void close(int code, String reason);
}
