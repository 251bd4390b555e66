package io.strata.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Blocking HTTP/1.1 POSTs of small bodies to one {@code http://} server over kept-alive connections, on the calling
 * thread: the request line, headers and body leave in one socket write (one TCP segment on loopback), and the
 * response is read on the same thread. This is the low-latency path for calls sent many times a second on the
 * launch path (the agent's status updates): {@code java.net.http.HttpClient} hands each exchange to its worker pool
 * and its selector thread and writes the headers and the body as two segments, so the server wakes for the
 * headers and again for the body; on a loaded 2-core machine each of those hand-offs cost milliseconds.
 *
 * <p>A request that fails on a reused connection before any byte of the response arrived (the server closed it
 * while idle) is sent once more on a new connection, so callers must only post calls that tolerate being received
 * twice (an agent's UPDATE and HEARTBEAT do: updates are resent until acknowledged anyway). Redirects are not
 * followed. Thread-safe: concurrent posts use separate connections.
 */
public final class KeepAlivePoster implements AutoCloseable {
    /** Idle connections kept for reuse. */
    private static final int MAX_IDLE = 4;
    /** Idle connections older than this are not reused (the server's own idle timeout may have cut them). */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(60).toNanos();
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 16 << 20;

    private final URI base;
    private final InetSocketAddress address;
    private final String authority;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * A poster to the server of {@code base} ({@code http://host:port}, any path ignored).
     *
     * @throws IllegalArgumentException if {@code base} is not an {@code http} URL with a host
     */
    public KeepAlivePoster(URI base, Duration connectTimeout, Duration readTimeout) {
        if (base == null || !"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("base must be an http://host:port URL: " + base);
        }
        int port = base.getPort() == -1 ? 80 : base.getPort();
        this.base = base;
        this.address = InetSocketAddress.createUnresolved(base.getHost(), port);
        this.authority = base.getHost().contains(":") && !base.getHost().startsWith("[")
                ? "[" + base.getHost() + "]:" + port : base.getHost() + ":" + port;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    /** The server this poster talks to. */
    public URI base() {
        return base;
    }

    /** A complete response; header names are lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * POSTs {@code body} to {@code path} (absolute path and query) and returns the response, whatever its status.
     *
     * @throws IOException if the server cannot be reached or the exchange fails (including a read timeout)
     * @throws IllegalArgumentException if the path or a header contains a line break
     */
    public Response post(String path, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        if (closed) {
            throw new IOException("poster closed");
        }
        byte[] request = encode(path, contentType, body, headers);
        Connection reused = takeIdle();
        if (reused != null) {
            try {
                return exchange(reused, request);
            } catch (StaleConnection e) {
                // closed by the server while idle: the request was not answered, send it anew
            }
        }
        Connection fresh = connect();
        try {
            return exchange(fresh, request);
        } catch (StaleConnection e) {
            throw e.failure;
        }
    }

    private Connection takeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (System.nanoTime() - c.idleSince < MAX_IDLE_NANOS) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private byte[] encode(String path, String contentType, byte[] body, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256).append("POST ").append(checked(path)).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("Content-Type: ").append(checked(contentType)).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(checked(name)).append(": ").append(checked(value)).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static String checked(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in an HTTP request line or header: " + text);
        }
        return text;
    }

    /** One exchange; a failure before any response byte on a connection is a {@link StaleConnection}. */
    private Response exchange(Connection c, byte[] request) throws IOException {
        Response response;
        boolean keep;
        boolean started = false;
        try {
            c.out.write(request);
            c.out.flush();
            int first = c.in.read();
            if (first < 0) {
                throw new StaleConnection(new EOFException("connection closed before the response"));
            }
            started = true;
            String statusLine = (char) first + line(c.in);
            int status = status(statusLine);
            Map<String, String> headers = headers(c.in);
            while (status / 100 == 1) { // interim responses (100 Continue): the real one follows
                statusLine = line(c.in);
                status = status(statusLine);
                headers = headers(c.in);
            }
            byte[] body;
            keep = statusLine.startsWith("HTTP/1.1") && !"close".equalsIgnoreCase(headers.get("connection"));
            String length = headers.get("content-length");
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(c.in);
            } else if (length != null) {
                body = exactly(c.in, parseLength(length));
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                body = untilEof(c.in);
                keep = false;
            }
            response = new Response(status, headers, body);
        } catch (StaleConnection e) {
            c.close();
            throw e;
        } catch (java.net.SocketException e) {
            c.close();
            if (!started) {
                throw new StaleConnection(e); // reset by a server that closed the idle connection
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        if (keep && !closed && idle.size() < MAX_IDLE) {
            c.idleSince = System.nanoTime();
            idle.offerFirst(c);
        } else {
            c.close();
        }
        return response;
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status in: " + statusLine, e);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.merge(name, line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    /** One CRLF- (or LF-) terminated line, without its terminator. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed mid-response");
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) b);
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
            sb.setLength(end - 1);
        }
        return sb.toString();
    }

    private static int parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0 || n > MAX_BODY) {
                throw new IOException("response body length out of range: " + value);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + value, e);
        }
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new EOFException("connection closed mid-body");
        }
        return body;
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + size, e);
            }
            if (n < 0 || out.size() + (long) n > MAX_BODY) {
                throw new IOException("response body too large");
            }
            if (n == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: ignored
                }
                return out.toByteArray();
            }
            out.write(exactly(in, n));
            line(in); // the CRLF after the chunk
        }
    }

    private static byte[] untilEof(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("response body too large");
        }
        return body;
    }

    /** Closes the idle connections; posts in flight finish and close theirs. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    /** A failure on a connection before any response byte: the request may be sent once more on a new one. */
    private static final class StaleConnection extends IOException {
        final IOException failure;

        StaleConnection(IOException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
