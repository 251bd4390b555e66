package io.strata.kubernetes.spdy;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * The connection a {@code POST} with {@code Upgrade: SPDY/3.1} switches to after its 101 (kubectl's exec and
 * port-forward fallback when the WebSocket is refused, and older kubectl's only transport): the raw socket carries
 * the SPDY byte stream of one {@link SpdySession}. Bytes the client sent right behind the request head are handed
 * over by Jetty ({@link Connection.UpgradeTo}) and read first. {@link #upgrade} answers the request with the 101.
 */
public final class SpdyUpgradeConnection extends AbstractConnection implements Connection.UpgradeTo,
        SessionTransport {

    private static final int BUFFER = 64 * 1024;
    private final SpdySession session;
    private final ByteBuffer buffer = BufferUtil.allocate(BUFFER);

    private SpdyUpgradeConnection(EndPoint endPoint, Executor executor,
            Function<SessionTransport, ? extends SpdySession> open) {
        super(endPoint, executor);
        this.session = open.apply(this);
    }

    /**
     * Answers {@code ctx} with {@code 101 Switching Protocols} ({@code Upgrade: SPDY/3.1}, {@code
     * X-Stream-Protocol-Version: protocol}) and switches its connection to the session {@code open} makes once the
     * 101 is sent (through {@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}, as the router's upgrade tunnel does).
     */
    public static void upgrade(Context ctx, String protocol, Function<SessionTransport, ? extends SpdySession> open) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        SpdyUpgradeConnection connection = new SpdyUpgradeConnection(endPoint,
                request.getConnectionMetaData().getConnector().getExecutor(), open);
        Request.unWrap(request).setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        ctx.status(101);
        ctx.header("Connection", "Upgrade");
        ctx.header("Upgrade", "SPDY/3.1");
        ctx.header("X-Stream-Protocol-Version", protocol);
    }

    /** Whether {@code ctx} asks for {@code Upgrade: SPDY/3.1}. */
    public static boolean requested(Context ctx) {
        return String.valueOf(ctx.header("Upgrade")).toUpperCase(Locale.ROOT).contains("SPDY/3.1");
    }

    /** Every {@code X-Stream-Protocol-Version} the client offered (repeated headers or comma lists), in order. */
    public static List<String> offeredProtocols(Context ctx) {
        return Collections.list(ctx.req().getHeaders("X-Stream-Protocol-Version")).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        if (prefilled != null && prefilled.hasRemaining()) {
            byte[] bytes = new byte[prefilled.remaining()];
            prefilled.get(bytes);
            session.receive(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            while (true) {
                BufferUtil.clear(buffer);
                int n = getEndPoint().fill(buffer);
                if (n > 0) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    session.receive(bytes, 0, bytes.length);
                } else if (n == 0) {
                    fillInterested();
                    return;
                } else {
                    session.close();
                    return;
                }
            }
        } catch (IOException e) {
            session.close();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        session.close();
        super.onClose(cause);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        FutureCallback done = new FutureCallback();
        getEndPoint().write(done, ByteBuffer.wrap(bytes));
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    @Override
    public void close() {
        getEndPoint().close();
    }
}
