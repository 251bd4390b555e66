package io.strata.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real probes: a JDK HTTP server, a TCP listener and shell commands, checked every 50 ms. */
class HealthCheckerTest {

    private static final HealthCheckTiming FAST = new HealthCheckTiming(0, 0.05, 2, 3, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path sandbox;
    private final RecordingListener listener = new RecordingListener();
    private HealthChecker checker;
    private HttpServer server;

    @AfterEach
    void tearDown() {
        if (checker != null) {
            checker.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** Records every call as "healthy", "unhealthy" or "kill". */
    static final class RecordingListener implements HealthListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onHealth(boolean healthy, String message, int consecutiveFailures) {
            events.add(healthy ? "healthy" : "unhealthy");
            messages.add(message);
        }

        @Override
        public void killRequested(String message, int consecutiveFailures) {
            events.add("kill");
            messages.add(message);
        }
    }

    private HealthChecker start(HealthCheckSpec spec, Map<String, String> env) {
        checker = new HealthChecker("task-1", spec, sandbox, env, listener, InstantSource.system());
        checker.start();
        return checker;
    }

    @Test
    void http_serverTurnsFromOkToError_reportsHealthyThenUnhealthyThenKill() throws IOException {
        AtomicInteger status = new AtomicInteger(200);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        start(new HealthCheckSpec.Http("http", server.getAddress().getPort(), "/health", Set.of(), FAST), Map.of());

        await().atMost(WAIT).until(() -> listener.events.contains("healthy"));
        status.set(503);
        await().atMost(WAIT).until(() -> listener.events.contains("kill"));

        assertThat(listener.events).containsExactly("healthy", "unhealthy", "kill");
        assertThat(listener.messages.get(1)).contains("HTTP 503");
    }

    @Test
    void http_nothingListening_isUnhealthy() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        start(new HealthCheckSpec.Http("http", port, "/", Set.of(), FAST), Map.of());

        await().atMost(WAIT).until(() -> listener.events.contains("kill"));

        assertThat(listener.events).containsExactly("unhealthy", "kill");
    }

    @Test
    void tcp_listenerOpenThenClosed_reportsHealthyThenUnhealthy() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start(new HealthCheckSpec.Tcp(socket.getLocalPort(), FAST), Map.of());

        await().atMost(WAIT).until(() -> listener.events.contains("healthy"));
        socket.close();
        await().atMost(WAIT).until(() -> listener.events.contains("unhealthy"));

        assertThat(listener.events.subList(0, 2)).containsExactly("healthy", "unhealthy");
    }

    @Test
    void command_fileAppearsInSandbox_turnsHealthy() throws IOException {
        start(new HealthCheckSpec.Command("test -f ok", new HealthCheckTiming(0, 0.05, 2, 1000, 0)), Map.of());
        await().atMost(WAIT).until(() -> listener.events.contains("unhealthy"));

        Files.writeString(sandbox.resolve("ok"), "");

        await().atMost(WAIT).until(() -> listener.events.contains("healthy"));
        assertThat(listener.events).containsExactly("unhealthy", "healthy");
    }

    @Test
    void command_usesTaskEnvironment() {
        start(new HealthCheckSpec.Command("test \"$ROLE\" = web", FAST), Map.of("ROLE", "web"));

        await().atMost(WAIT).until(() -> listener.events.contains("healthy"));
    }

    @Test
    void command_exceedsTimeout_failsWithTimeoutMessage() {
        start(new HealthCheckSpec.Command("sleep 5", new HealthCheckTiming(0, 0.05, 0.2, 1, 0)), Map.of());

        await().atMost(WAIT).until(() -> listener.events.contains("kill"));

        assertThat(listener.messages.get(0)).contains("timed out");
    }

    @Test
    void command_failingInsideGrace_reportsNothing() throws InterruptedException {
        start(new HealthCheckSpec.Command("false", new HealthCheckTiming(0, 0.05, 1, 1, 60)), Map.of());

        Thread.sleep(500);

        assertThat(listener.events).isEmpty();
    }
}
