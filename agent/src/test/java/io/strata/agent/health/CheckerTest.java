package io.strata.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real command check: its exit codes are reported as they change, and it never stops on failures. */
class CheckerTest {
    @TempDir
    Path sandbox;

    @Test
    void start_commandCheck_reportsExitCodesAsTheyChange() throws Exception {
        Path flag = sandbox.resolve("flag");
        List<CheckStatusInfo> reports = new CopyOnWriteArrayList<>();
        HealthCheckTiming timing = new HealthCheckTiming(0, 0.1, 10, 0, 0);
        try (Checker checker = new Checker("t", new CheckSpec(CheckInfo.Type.COMMAND,
                new HealthCheckSpec.Command("test -f flag || exit 3", timing), 1, 1), sandbox, Map.of(),
                reports::add)) {
            checker.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !reports.isEmpty());
            Files.writeString(flag, "x");
            await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() >= 2);
            Files.delete(flag);
            await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() >= 3);
        }
        assertThat(reports.subList(0, 3)).extracting(r -> r.command().exitCode()).containsExactly(3, 0, 3);
        assertThat(reports).allMatch(r -> r.type() == CheckInfo.Type.COMMAND);
    }

    @Test
    void check_httpOnTheHostNetwork_reportsTheStatusCodeOrNone() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        HealthCheckTiming timing = new HealthCheckTiming(0, 1, 10, 0, 0);
        int port = server.getAddress().getPort();
        try {
            CheckStatusInfo answered = Probes.check(new CheckSpec(CheckInfo.Type.HTTP, new HealthCheckSpec.Http("http",
                    port, "/", java.util.Set.of(), timing), 1, 1), sandbox, Map.of(), Duration.ofSeconds(10));
            assertThat(answered.http().statusCode()).isEqualTo(503);
        } finally {
            server.stop(0);
        }
        CheckStatusInfo refused = Probes.check(new CheckSpec(CheckInfo.Type.HTTP, new HealthCheckSpec.Http("http",
                port, "/", java.util.Set.of(), timing), 1, 1), sandbox, Map.of(), Duration.ofSeconds(10));
        assertThat(refused.http().statusCode()).isNull();
    }

    @Test
    void check_commandStandingForHttp_readsTheStatusCodeFromItsOutput() {
        HealthCheckTiming timing = new HealthCheckTiming(0, 1, 10, 0, 0);
        CheckStatusInfo ok = Probes.check(new CheckSpec(CheckInfo.Type.HTTP, new HealthCheckSpec.Command(
                "printf 503", timing), 1, 1), sandbox, Map.of(), Duration.ofSeconds(10));
        CheckStatusInfo none = Probes.check(new CheckSpec(CheckInfo.Type.HTTP, new HealthCheckSpec.Command(
                "printf 000; exit 7", timing), 1, 1), sandbox, Map.of(), Duration.ofSeconds(10));
        CheckStatusInfo tcp = Probes.check(new CheckSpec(CheckInfo.Type.TCP, new HealthCheckSpec.Command(
                "exit 1", timing), 1, 1), sandbox, Map.of(), Duration.ofSeconds(10));

        assertThat(ok.http().statusCode()).isEqualTo(503);
        assertThat(none.http().statusCode()).isNull();
        assertThat(tcp.tcp().succeeded()).isFalse();
    }
}
