package io.strata.kubernetes.portforward;

import io.strata.kubernetes.spdy.SessionTransport;
import io.strata.kubernetes.spdy.SpdyFrame;
import io.strata.kubernetes.spdy.SpdyProtocolException;
import io.strata.kubernetes.spdy.SpdyReader;
import io.strata.kubernetes.spdy.SpdySession;
import io.strata.kubernetes.spdy.FrameSender;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one kubectl port-forward session, independent of the transport. For each local connection
 * kubectl opens an error stream and a data stream with the same {@code requestid}; the session answers each with
 * SYN_REPLY, dials the requested port through its {@link PortDialer} and pipes the data stream both ways. When the
 * pod's side ends it sends the failure text (if any) on the error stream, then FIN on the data and error streams;
 * kubectl answers with RST_STREAM. PINGs are echoed. Flow control is not enforced, as kubectl (spdystream) neither
 * sends WINDOW_UPDATE nor waits for one.
 *
 * <p>Threading: {@link #receive} is called by one transport thread at a time; pod data arrives on each connection's
 * thread; all output goes through one lock, since frames share a zlib stream and must leave in encoding order.
 */
public final class PortForwardSession implements SpdySession {

    /** Pod bytes are sent in DATA frames of at most this size. */
    static final int MAX_DATA = 32 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PortForwardSession.class);
    private static final byte[] EMPTY = new byte[0];

    private final PortDialer dialer;
    private final String pod;
    private final SessionTransport transport;
    private final SpdyReader reader = new SpdyReader();
    private final FrameSender sender;
    private final Map<String, Integer> errorStreams = new ConcurrentHashMap<>();
    private final Map<Integer, ForwardedConnection> connections = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A session forwarding to ports of {@code pod} (named in error texts, {@code namespace/name}). */
    public PortForwardSession(PortDialer dialer, String pod, SessionTransport transport) {
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.pod = Objects.requireNonNull(pod, "pod");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.sender = new FrameSender(transport, closed::get, this::close, "port-forward to " + pod);
    }

    /** Bytes from kubectl, split anywhere; a protocol error ends the session with GOAWAY. */
    @Override
    public void receive(byte[] bytes, int offset, int length) {
        java.util.List<SpdyFrame> frames;
        synchronized (reader) {
            if (closed.get()) {
                return;
            }
            try {
                frames = reader.feed(bytes, offset, length);
            } catch (SpdyProtocolException e) {
                LOG.debug("port-forward to {}: {}", pod, e.getMessage());
                send(new SpdyFrame.GoAway(0, SpdyFrame.RST_PROTOCOL_ERROR));
                close();
                return;
            }
        }
        for (SpdyFrame frame : frames) {
            handle(frame);
        }
    }

    /** The number of forwarded connections still open (for tests and diagnostics). */
    public int openConnections() {
        return connections.size();
    }

    private void handle(SpdyFrame frame) {
        switch (frame) {
            case SpdyFrame.SynStream s -> open(s);
            case SpdyFrame.Data d -> {
                ForwardedConnection c = connections.get(d.streamId());
                if (c != null) {
                    if (d.data().length > 0) {
                        c.offer(d.data());
                    }
                    if (d.fin()) {
                        c.offerFin();
                    }
                }
            }
            case SpdyFrame.RstStream r -> {
                ForwardedConnection c = connections.remove(r.streamId());
                if (c != null) {
                    c.reset();
                }
            }
            case SpdyFrame.Ping p -> send(p);
            case SpdyFrame.GoAway g -> close();
            case SpdyFrame.SynReply r -> LOG.debug("port-forward to {}: unexpected SYN_REPLY {}", pod, r.streamId());
            case SpdyFrame.Settings s -> {
                // kubectl's defaults need no answer
            }
            case SpdyFrame.Headers h -> {
                // no stream of this protocol carries trailing headers
            }
            case SpdyFrame.WindowUpdate w -> {
                // flow control is not enforced (see the class comment)
            }
        }
    }

    private void open(SpdyFrame.SynStream s) {
        var request = ForwardRequest.of(s.headers());
        if (request.isEmpty()) {
            send(new SpdyFrame.RstStream(s.streamId(), SpdyFrame.RST_REFUSED_STREAM));
            return;
        }
        send(new SpdyFrame.SynReply(s.streamId(), 0, Map.of()));
        ForwardRequest r = request.get();
        switch (r.type()) {
            case ERROR -> errorStreams.put(r.requestId(), s.streamId());
            case DATA -> {
                Integer error = errorStreams.remove(r.requestId());
                ForwardedConnection c = new ForwardedConnection(this, s.streamId(), error == null ? 0 : error,
                        r.portNumber().orElse(0));
                connections.put(s.streamId(), c);
                if (s.fin()) {
                    c.offerFin();
                }
                if (r.portNumber().isEmpty()) {
                    finish(c, "invalid port " + (r.port().isEmpty() ? "(none)" : "\"" + r.port() + "\""));
                } else {
                    c.start(dialer);
                }
            }
        }
    }

    /** Sends pod bytes on a data stream, in frames of at most {@link #MAX_DATA}. */
    void sendData(int stream, byte[] data) {
        for (int at = 0; at < data.length; at += MAX_DATA) {
            send(new SpdyFrame.Data(stream, 0, Arrays.copyOfRange(data, at, Math.min(data.length, at + MAX_DATA))));
        }
    }

    /** Ends a forwarded connection: the error text if any, then FIN on the data and error streams. */
    void finish(ForwardedConnection c, String error) {
        connections.remove(c.dataStream());
        if (error != null && c.errorStream() != 0) {
            String text = "error forwarding port " + c.port() + " to pod " + pod + ": " + error;
            send(new SpdyFrame.Data(c.errorStream(), 0, text.getBytes(StandardCharsets.UTF_8)));
        }
        send(new SpdyFrame.Data(c.dataStream(), SpdyFrame.FLAG_FIN, EMPTY));
        if (c.errorStream() != 0) {
            send(new SpdyFrame.Data(c.errorStream(), SpdyFrame.FLAG_FIN, EMPTY));
        }
    }

    private void send(SpdyFrame frame) {
        sender.send(frame);
    }

    /** Resets every forwarded connection and closes the transport; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connections.values().forEach(ForwardedConnection::reset);
        connections.clear();
        transport.close();
        sender.close();
        synchronized (reader) {
            reader.close();
        }
    }
}
