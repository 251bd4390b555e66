package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl exec} through {@code /service/kubernetes}: a WebSocket upgrade offering the
 * {@code v5.channel.k8s.io} subprotocol reaches a real WebSocket upstream (the configured Kubernetes API, here a
 * stand-in with the exec path) with the prefix stripped, the query and the offer intact, and binary frames (a
 * channel byte, then data) pass both ways. The master is down, so the route relies on the {@code --kubernetes}
 * fallback as a cluster whose Kubernetes framework has no web UI does.
 */
class RouterKubernetesExecTest {
    private static final String EXEC = "/api/v1/namespaces/default/pods/web/exec";
    private HttpServer kubernetes;
    private AdminRouter router;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        kubernetes = HttpServer.start("127.0.0.1", 0, r -> r.ws(EXEC, ws -> {
            ws.onConnect(ctx -> ctx.send("offer=" + ctx.header("Sec-WebSocket-Protocol") + " query="
                    + ctx.queryString()));
            ws.onBinaryMessage(ctx -> {
                ByteBuffer copy = ByteBuffer.allocate(ctx.data().remaining()).put(ctx.data()).flip();
                ctx.send(copy);
            });
        }));
        int down;
        try (ServerSocket s = new ServerSocket(0)) {
            down = s.getLocalPort(); // closed again: no master listens there
        }
        router = AdminRouter.start(RouterConfig.defaults("http://127.0.0.1:" + down).withListen("127.0.0.1", 0)
                .withKubernetes(URI.create("http://127.0.0.1:" + kubernetes.port())));
    }

    @AfterEach
    void stop() {
        router.close();
        kubernetes.close();
    }

    @Test
    void exec_webSocketThroughServiceKubernetes_carriesTheOfferAndBinaryFramesBothWays() throws Exception {
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        URI url = URI.create("ws://127.0.0.1:" + router.port() + "/service/kubernetes" + EXEC
                + "?command=sh&stdin=true&stdout=true");
        WebSocket ws = http.newWebSocketBuilder().subprotocols("v5.channel.k8s.io").connectTimeout(Duration.ofSeconds(30))
                .buildAsync(url, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        received.add(bytes);
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        failed.complete(error);
                    }
                }).get(30, TimeUnit.SECONDS);

        assertThat(received.poll(30, TimeUnit.SECONDS))
                .isEqualTo("offer=v5.channel.k8s.io query=command=sh&stdin=true&stdout=true");
        // channel 0 (stdin) then the bytes, as kubectl frames them; twice, so the tunnel is seen to stay open
        for (String line : new String[] {"ls\n", "exit\n"}) {
            byte[] frame = ("\0" + line).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ws.sendBinary(ByteBuffer.wrap(frame), true).get(30, TimeUnit.SECONDS);
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo(frame);
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
        assertThat(failed.getNow(null)).isNull();
    }
}
