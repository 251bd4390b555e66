package io.strata.agent.exec;

import io.strata.agent.oci.NamespaceRelay;
import io.strata.agent.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One forwarded TCP connection: the client's binary messages are written, unframed, to {@code 127.0.0.1:<port>} inside
 * the task's network namespace, and what the port answers comes back as binary messages. For a task with its own
 * namespace the connection is made by {@code nsenter --net socat STDIO TCP:127.0.0.1:<port>} (the agent's
 * {@link NamespaceRelay} mechanism); for host networking directly. The end of either side ends the other: the port
 * closing or resetting the connection closes the WebSocket (1000; 1011 with the reason when the connection could
 * not be made), the WebSocket closing closes the connection. An empty binary message from the client is its
 * half-close: it will send nothing more, so the connection's write side is shut down (the port reads EOF) while the
 * port's answer still comes back.
 */
public final class PortForwardSession implements StreamSession {
    private static final int CHUNK = 16 * 1024;
    /** WebSocket close reasons are limited to 123 bytes. */
    private static final int MAX_REASON = 120;

    private final TaskEntry entry;
    private final int port;
    private final FrameSink sink;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Process relay;
    private volatile Socket socket;
    private volatile OutputStream upstream;

    /** A session to {@code port} (1..65535) of the task {@code entry}, answering through {@code sink}. */
    public PortForwardSession(TaskEntry entry, int port, FrameSink sink) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535: " + port);
        }
        this.entry = entry;
        this.port = port;
        this.sink = sink;
    }

    /** Connects to the port and starts relaying its bytes back; a failure closes the WebSocket with 1011. */
    @Override
    public void start() {
        InputStream from;
        try {
            if (entry.networkPid().isPresent()) {
                Path socat = NamespaceRelay.locateSocat().orElseThrow(() -> new OciException(
                        NamespaceRelay.MISSING_SOCAT));
                relay = new ProcessBuilder(entry.portRelayArgv(socat, port)).start();
                from = relay.getInputStream();
                upstream = relay.getOutputStream();
            } else {
                socket = new Socket(InetAddress.getLoopbackAddress(), port);
                from = socket.getInputStream();
                upstream = socket.getOutputStream();
            }
        } catch (IOException | OciException e) {
            sink.close(1011, reason("cannot connect to port " + port + ": " + e.getMessage()));
            return;
        }
        Thread.ofVirtual().name("port-forward-" + port).start(() -> pumpBack(from));
    }

    /** Writes one client message to the connection; an empty one half-closes it. */
    @Override
    public void onMessage(ByteBuffer message) {
        OutputStream out = upstream;
        if (out == null) {
            return;
        }
        if (!message.hasRemaining()) {
            finishWrites(out);
            return;
        }
        try {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    /** Shuts down the connection's write side: the socket's output, or the relay's stdin (socat passes the EOF on). */
    private void finishWrites(OutputStream out) {
        upstream = null;
        try {
            Socket s = socket;
            if (s != null) {
                s.shutdownOutput();
            } else {
                out.close();
            }
        } catch (IOException e) {
            close();
        }
    }

    /** The WebSocket closed: ends the connection; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        Process p = relay;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private void pumpBack(InputStream from) {
        byte[] buffer = new byte[CHUNK];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (n > 0) {
                    sink.send(ByteBuffer.wrap(buffer.clone(), 0, n));
                }
            }
        } catch (IOException e) {
            // the connection or the WebSocket went away
        }
        String failure = failure();
        sink.close(failure.isEmpty() ? 1000 : 1011, failure);
        close();
    }

    /** Why the relay ended, when it failed (socat's message), else empty. */
    private String failure() {
        Process p = relay;
        if (p == null) {
            return "";
        }
        try {
            // the port's side ended: socat would otherwise wait (-t) for our side's EOF before exiting
            p.getOutputStream().close();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                return "";
            }
            if (p.exitValue() != 0) {
                String error = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (error.contains("Connection reset by peer")) {
                    // the port reset the connection after it was made: an end like a close, as on a host socket
                    return "";
                }
                return reason(error.isEmpty() ? "relay exited with " + p.exitValue() : error);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static String reason(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_REASON ? text : new String(bytes, 0, MAX_REASON, StandardCharsets.UTF_8);
    }
}
