package io.strata.bench.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.bench.support.LocalMaster;
import io.strata.services.ServicesConfig;
import io.strata.services.ServicesFramework;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An in-process master with embedded ZooKeeper, {@code agents} hollow agents, and one services (Marathon) instance,
 * plus the few HTTP calls the services benchmarks make.
 */
final class ServicesBenchCluster implements AutoCloseable {
    final LocalMaster local;
    final HollowCluster agents;
    final ServicesFramework services;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ServicesBenchCluster(int agentCount, String resources) throws InterruptedException {
        local = LocalMaster.start(c -> c);
        agents = HollowCluster.builder(URI.create(local.master().url()))
                .agents(agentCount, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i)).withResources(resources))
                .start();
        if (!agents.awaitSubscribed(Duration.ofMinutes(2))) {
            throw new IllegalStateException("hollow agents did not subscribe within 2 minutes");
        }
        String zk = local.zkWithPath().replace("/strata", "/marathon");
        services = ServicesFramework.start(ServicesConfig.defaults(zk, local.master().url()).withPort(0));
        if (!services.awaitLeadership(Duration.ofSeconds(30))) {
            throw new IllegalStateException("services did not lead within 30 s");
        }
    }

    /** One call; returns the body, failing on a status >= 400. */
    String call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + path + ": " + reply.statusCode() + " " + reply.body());
        }
        return reply.body();
    }

    /** Sum of {@code tasksRunning} over all apps (no tasks embedded). */
    int running() throws Exception {
        int sum = 0;
        for (JsonNode app : Json.camel().readTree(call("GET", "/v2/apps", null)).get("apps")) {
            sum += app.get("tasksRunning").asInt();
        }
        return sum;
    }

    /** Polls until {@code running()} equals {@code count}; returns false on timeout. */
    boolean awaitRunning(int count, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            int now = running();
            if (now == count) {
                return true;
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf("  %.1f s: %d of %d running%n", (System.nanoTime() - start) / 1e9, now, count);
                nextReport += 1_000_000_000L;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public void close() {
        services.close();
        agents.close();
        local.close();
    }
}
