package io.strata.kubernetes.exec;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.strata.kubernetes.spdy.SessionTransport;
import io.strata.kubernetes.spdy.SpdyFrame;
import io.strata.kubernetes.spdy.SpdyProtocolException;
import io.strata.kubernetes.spdy.SpdyReader;
import io.strata.kubernetes.spdy.SpdySession;
import io.strata.kubernetes.spdy.FrameSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec over SPDY/3.1 ({@code X-Stream-Protocol-Version: v4.channel.k8s.io} and older), kubectl's fallback when
 * the WebSocket is refused. The client opens one stream per {@code streamtype} ({@code error}, {@code stdin},
 * {@code stdout}, {@code stderr}, {@code resize}); each gets an empty SYN_REPLY, and once every stream the request
 * asked for is open the agent's messages flow ({@link AgentExecRelay#attach}): channels 1, 2 and 3 become DATA on
 * stdout, stderr and error (the Status as JSON in v4, only a failure's message text before v4). The client's stdin
 * DATA goes to the agent on channel 0 and its FIN as the v5 close signal; the resize stream's JSON objects go on
 * channel 4. When the agent ends: FIN on stdout, stderr and error, then the connection closes. PINGs are echoed.
 *
 * <p>Threading: {@link #receive} is called by one transport thread at a time; agent messages arrive one at a time on
 * the relay's thread; all output goes through one lock (frames share a zlib stream).
 */
final class SpdyExecSession implements SpdySession, ChannelPeer {
    /** The stream protocols served over SPDY, in order of preference (v5 is WebSocket only, as in the kubelet). */
    static final List<String> PROTOCOLS = List.of("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io",
            "channel.k8s.io");
    private static final Logger LOG = LoggerFactory.getLogger(SpdyExecSession.class);
    private static final int MAX_DATA = 32 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final AgentExecRelay relay;
    private final Set<String> expected;
    private final boolean statusJson;
    private final SessionTransport transport;
    private final SpdyReader reader = new SpdyReader();
    private final FrameSender sender;
    private final Map<String, Integer> streams = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream resize = new ByteArrayOutputStream();
    private final AtomicBoolean attached = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean statusSent;
    private int resizeDepth;

    /**
     * A session relaying to {@code relay}; {@code protocol} is the chosen stream protocol (one of {@link #PROTOCOLS}),
     * the flags are the request's.
     */
    SpdyExecSession(AgentExecRelay relay, String protocol, boolean stdin, boolean stdout, boolean stderr, boolean tty,
            SessionTransport transport) {
        this.relay = relay;
        this.transport = transport;
        this.sender = new FrameSender(transport, closed::get, this::close, "exec over SPDY");
        this.statusJson = protocol.equals(PROTOCOLS.get(0));
        Set<String> wanted = new java.util.HashSet<>(Set.of("error"));
        if (stdin) {
            wanted.add("stdin");
        }
        if (stdout) {
            wanted.add("stdout");
        }
        if (stderr && !tty) {
            wanted.add("stderr");
        }
        if (tty && (protocol.startsWith("v4.") || protocol.startsWith("v3."))) {
            wanted.add("resize");
        }
        this.expected = Set.copyOf(wanted);
    }

    /** The stream protocol to answer for the client's offers, or null when it offers none of {@link #PROTOCOLS}. */
    static String choose(List<String> offered) {
        return PROTOCOLS.stream().filter(offered::contains).findFirst().orElse(null);
    }

    @Override
    public void receive(byte[] bytes, int offset, int length) {
        List<SpdyFrame> frames;
        synchronized (reader) {
            if (closed.get()) {
                return;
            }
            try {
                frames = reader.feed(bytes, offset, length);
            } catch (SpdyProtocolException e) {
                LOG.debug("exec over SPDY: {}", e.getMessage());
                send(new SpdyFrame.GoAway(0, SpdyFrame.RST_PROTOCOL_ERROR));
                close();
                return;
            }
        }
        for (SpdyFrame frame : frames) {
            handle(frame);
        }
    }

    private void handle(SpdyFrame frame) {
        switch (frame) {
            case SpdyFrame.SynStream s -> open(s);
            case SpdyFrame.Data d -> data(d);
            case SpdyFrame.Ping p -> send(p);
            case SpdyFrame.GoAway g -> close();
            case SpdyFrame.RstStream r -> {
                // kubectl resets its streams once it has read the end
            }
            case SpdyFrame.SynReply r -> LOG.debug("exec over SPDY: unexpected SYN_REPLY {}", r.streamId());
            case SpdyFrame.Settings s -> {
                // kubectl's defaults need no answer
            }
            case SpdyFrame.Headers h -> {
                // no stream of this protocol carries trailing headers
            }
            case SpdyFrame.WindowUpdate w -> {
                // flow control is not enforced: kubectl (spdystream) neither sends nor waits for window updates
            }
        }
    }

    private void open(SpdyFrame.SynStream s) {
        String type = s.headers().getOrDefault("streamtype", "");
        if (!Set.of("error", "stdin", "stdout", "stderr", "resize").contains(type)) {
            send(new SpdyFrame.RstStream(s.streamId(), SpdyFrame.RST_REFUSED_STREAM));
            return;
        }
        streams.put(type, s.streamId());
        send(new SpdyFrame.SynReply(s.streamId(), 0, Map.of()));
        if (type.equals("stdin") && s.fin()) {
            relay.onMessage(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}));
        }
        if (streams.keySet().containsAll(expected) && attached.compareAndSet(false, true)) {
            relay.attach(this);
        }
    }

    private void data(SpdyFrame.Data d) {
        Integer stdin = streams.get("stdin");
        Integer resizeStream = streams.get("resize");
        if (stdin != null && d.streamId() == stdin) {
            if (d.data().length > 0) {
                relay.onMessage(channelMessage(0, d.data()));
            }
            if (d.fin()) {
                relay.onMessage(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}));
            }
        } else if (resizeStream != null && d.streamId() == resizeStream) {
            for (byte[] json : resizeObjects(d.data())) {
                relay.onMessage(channelMessage(4, json));
            }
        }
    }

    /** The complete JSON objects in the resize stream so far (kubectl writes one object per size, newline-ended). */
    private synchronized List<byte[]> resizeObjects(byte[] data) {
        List<byte[]> objects = new java.util.ArrayList<>();
        for (byte b : data) {
            if (resizeDepth == 0 && b != '{') {
                continue;
            }
            resize.write(b);
            if (b == '{') {
                resizeDepth++;
            } else if (b == '}' && --resizeDepth == 0) {
                objects.add(resize.toByteArray());
                resize.reset();
            }
        }
        return objects;
    }

    private static ByteBuffer channelMessage(int channel, byte[] payload) {
        return ByteBuffer.allocate(payload.length + 1).put((byte) channel).put(payload).flip();
    }

    /** One agent message: stdout, stderr or the Status, on its stream. */
    @Override
    public CompletableFuture<Void> sendAsync(ByteBuffer message) {
        if (message.remaining() < 1) {
            return CompletableFuture.completedFuture(null);
        }
        int channel = message.get() & 0xff;
        byte[] payload = new byte[message.remaining()];
        message.get(payload);
        String type = switch (channel) {
            case 1 -> "stdout";
            case 2 -> "stderr";
            case 3 -> "error";
            default -> null;
        };
        Integer stream = type == null ? null : streams.get(type);
        if (stream == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (channel == 3) {
            statusSent = true;
            if (!statusJson) {
                payload = WebSocketChannels.failureText(payload).map(t -> t.getBytes(StandardCharsets.UTF_8))
                        .orElse(EMPTY);
            }
        }
        for (int at = 0; at < payload.length; at += MAX_DATA) {
            send(new SpdyFrame.Data(stream, 0, Arrays.copyOfRange(payload, at, Math.min(payload.length,
                    at + MAX_DATA))));
        }
        return closed.get() ? CompletableFuture.failedFuture(new IOException("SPDY connection closed"))
                : CompletableFuture.completedFuture(null);
    }

    /** The agent ended the exec: FIN on the output streams and the error stream, then the connection closes. */
    @Override
    public void close(int code, String reason) {
        if (!statusSent) {
            String message = "the agent ended the exec without a status" + (reason.isEmpty() ? "" : ": " + reason);
            String status = "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + new String(
                    JsonStringEncoder.getInstance().quoteAsString(message))
                    + "\",\"reason\":\"InternalError\",\"code\":500}";
            sendAsync(channelMessage(3, status.getBytes(StandardCharsets.UTF_8)));
        }
        for (String type : List.of("stdout", "stderr", "error")) {
            Integer stream = streams.get(type);
            if (stream != null) {
                send(new SpdyFrame.Data(stream, SpdyFrame.FLAG_FIN, EMPTY));
            }
        }
        close();
    }

    private void send(SpdyFrame frame) {
        sender.send(frame);
    }

    /** The client went away or the exec ended: ends the agent's side too and closes the connection; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        relay.closed(1000, "");
        transport.close();
        sender.close();
        synchronized (reader) {
            reader.close();
        }
    }
}
