package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrades over raw sockets, so the tunnel is seen to be protocol-agnostic (SPDY/3.1, as older kubectl exec and
 * port-forward use) and so refusals and down upstreams can be checked byte for byte.
 */
class RouterUpgradeTest {
    private ServerSocket upstream;
    private AdminRouter router;
    private final CompletableFuture<String> upstreamSaw = new CompletableFuture<>();
    private volatile String answer;
    private int downPort;

    @BeforeEach
    void start() throws Exception {
        upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
        try (ServerSocket s = new ServerSocket(0)) {
            downPort = s.getLocalPort();
        }
        router = AdminRouter.start(RouterConfig.defaults("http://127.0.0.1:" + downPort).withListen("127.0.0.1", 0)
                .withJobs(URI.create("http://127.0.0.1:" + upstream.getLocalPort()))
                .withDns(URI.create("http://127.0.0.1:" + downPort)));
    }

    @AfterEach
    void stop() throws IOException {
        router.close();
        upstream.close();
    }

    /** Reads one request head, answers {@link #answer}; after a 101, echoes every byte back upper-cased. */
    private void serve() {
        try (Socket s = upstream.accept()) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            upstreamSaw.complete(head);
            OutputStream out = s.getOutputStream();
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (answer.startsWith("HTTP/1.1 101")) {
                int b;
                while ((b = in.read()) >= 0) {
                    out.write(Character.toUpperCase(b));
                    out.flush();
                }
            }
        } catch (IOException e) {
            upstreamSaw.completeExceptionally(e);
        }
    }

    @Test
    void upgrade_spdy_isTunnelledBothWaysWithThePrefixStripped() throws Exception {
        answer = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                + "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\nhello-from-upstream";
        try (Socket client = new Socket("127.0.0.1", router.port())) {
            client.setSoTimeout(30_000);
            send(client, "POST /chronos/api/v1/namespaces/default/pods/web/exec?command=sh HTTP/1.1\r\n"
                    + "Host: router\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                    + "X-Stream-Protocol-Version: v4.channel.k8s.io\r\nContent-Length: 0\r\n\r\n");
            InputStream in = client.getInputStream();
            List<String> head = lines(readHead(in));

            assertThat(head.get(0)).startsWith("HTTP/1.1 101");
            assertThat(head).anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("Upgrade: SPDY/3.1"));
            assertThat(head).anySatisfy(h -> assertThat(h).isEqualTo("X-Stream-Protocol-Version: v4.channel.k8s.io"));
            assertThat(new String(in.readNBytes("hello-from-upstream".length()), StandardCharsets.UTF_8))
                    .isEqualTo("hello-from-upstream");
            send(client, "ping");
            assertThat(new String(in.readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("PING");
        }
        List<String> seen = lines(upstreamSaw.get(30, TimeUnit.SECONDS));
        assertThat(seen.get(0)).isEqualTo("POST /api/v1/namespaces/default/pods/web/exec?command=sh HTTP/1.1");
        assertThat(seen).contains("Host: 127.0.0.1:" + upstream.getLocalPort(), "X-Forwarded-Prefix: /chronos");
    }

    @Test
    void upgrade_refusedByTheUpstream_passesItsAnswerOn() throws Exception {
        answer = "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nforbidden";
        try (Socket client = new Socket("127.0.0.1", router.port())) {
            client.setSoTimeout(30_000);
            send(client, "GET /chronos/ws HTTP/1.1\r\nHost: router\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            InputStream in = client.getInputStream();
            List<String> head = lines(readHead(in));

            assertThat(head.get(0)).startsWith("HTTP/1.1 403");
            assertThat(new String(in.readNBytes(9), StandardCharsets.UTF_8)).isEqualTo("forbidden");
        }
    }

    @Test
    void upgrade_toADownUpstream_answers502NamingTheService() throws Exception {
        try (Socket client = new Socket("127.0.0.1", router.port())) {
            client.setSoTimeout(30_000);
            send(client, "GET /mesos_dns/ws HTTP/1.1\r\nHost: router\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            InputStream in = client.getInputStream();
            List<String> head = lines(readHead(in));

            assertThat(head.get(0)).startsWith("HTTP/1.1 502");
            int length = head.stream().filter(h -> h.toLowerCase().startsWith("content-length:"))
                    .mapToInt(h -> Integer.parseInt(h.substring(h.indexOf(':') + 1).strip())).findFirst().orElseThrow();
            assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8))
                    .contains("\"service\":\"mesos_dns\"").contains("connection refused");
        }
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads up to and including the blank line that ends an HTTP head, byte by byte (no read-ahead). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static List<String> lines(String head) {
        List<String> out = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
