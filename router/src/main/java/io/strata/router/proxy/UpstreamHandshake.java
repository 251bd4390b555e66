package io.strata.router.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The router's side of an upgrade towards the upstream: sends the request head, parses the answer with Jetty's
 * {@link HttpParser}, and completes {@code result}. On 101 it stops reading at the end of the response head; the
 * bytes already read past it are handed to the tunnel that replaces this connection. Any other status is read
 * whole (up to {@value #MAX_BODY} bytes) so it can be passed on to the client as a normal answer.
 */
final class UpstreamHandshake extends AbstractConnection implements Connection.UpgradeFrom {
    static final int MAX_BODY = 1 << 20;
    private final ByteBuffer head;
    private final CompletableFuture<Answer> result;
    private final ByteBuffer input = BufferUtil.allocate(16 * 1024);
    private final Parsing parsing = new Parsing();
    private final HttpParser parser = new HttpParser(parsing);

    /** The upstream's answer: status, headers, and for a non-101 its body. */
    record Answer(int status, HttpFields headers, byte[] body, UpstreamHandshake connection) { }

    UpstreamHandshake(EndPoint endPoint, Executor executor, ByteBuffer head, CompletableFuture<Answer> result) {
        super(endPoint, executor);
        this.head = head;
        this.result = result;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().write(Callback.from(this::fillInterested, this::fail), head);
    }

    @Override
    public void onFillable() {
        try {
            while (!result.isDone()) {
                if (!input.hasRemaining()) {
                    int read = getEndPoint().fill(input);
                    if (read == 0) {
                        fillInterested();
                        return;
                    }
                    if (read < 0) {
                        parser.atEOF();
                        parser.parseNext(BufferUtil.EMPTY_BUFFER);
                        if (!result.isDone()) {
                            fail(new IOException("the upstream closed the connection during the upgrade"));
                        }
                        return;
                    }
                }
                parser.parseNext(input);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** The bytes read past the 101 response head: the upstream's first tunnelled bytes. */
    @Override
    public ByteBuffer onUpgradeFrom() {
        return input.hasRemaining() ? BufferUtil.copy(input) : null;
    }

    private void fail(Throwable failure) {
        result.completeExceptionally(failure);
        close();
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        if (!result.isDone()) {
            result.completeExceptionally(cause != null ? cause
                    : new IOException("the upstream closed the connection during the upgrade"));
        }
    }

    /** Collects the response; returning true from a callback stops the parser where it is. */
    private final class Parsing implements HttpParser.ResponseHandler {
        private final HttpFields.Mutable headers = HttpFields.build();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status;

        @Override
        public void startResponse(HttpVersion version, int code, String reason) {
            status = code;
        }

        @Override
        public void parsedHeader(HttpField field) {
            headers.add(field);
        }

        @Override
        public boolean headerComplete() {
            if (status == 101) {
                result.complete(new Answer(status, headers.asImmutable(), new byte[0], UpstreamHandshake.this));
                return true;
            }
            return false;
        }

        @Override
        public boolean content(ByteBuffer content) {
            if (body.size() + content.remaining() > MAX_BODY) {
                fail(new IOException("the upstream's refusal of the upgrade exceeds " + MAX_BODY + " bytes"));
                return true;
            }
            byte[] bytes = new byte[content.remaining()];
            content.get(bytes);
            body.writeBytes(bytes);
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            result.complete(new Answer(status, headers.asImmutable(), body.toByteArray(), UpstreamHandshake.this));
            return true;
        }

        @Override
        public void earlyEOF() {
            fail(new IOException("the upstream closed the connection during the upgrade"));
        }
    }
}
