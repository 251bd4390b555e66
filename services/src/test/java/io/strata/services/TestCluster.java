package io.strata.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.api.json.Json;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;

/**
 * A real cluster for tests: ZooKeeper (curator-test), one master, agents on 127.0.1.1, 127.0.1.2, ... running
 * real processes, and one services instance on an ephemeral port; plus a small HTTP helper. The agents share
 * this host's network, so each gets its own port range (500 ports from 31000 on), as {@code strata up} does.
 */
final class TestCluster implements AutoCloseable {
    final TestingServer zk;
    final Master master;
    final List<Agent> agents = new ArrayList<>();
    final ServicesFramework services;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Parses a services API reply body (camelCase JSON, as Marathon writes it). */
    static JsonNode json(String body) throws Exception {
        return Json.camel().readTree(body);
    }

    TestCluster(Path dir, int agentCount, String agentResources) throws Exception {
        zk = new TestingServer(true);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withHeartbeatInterval(Duration.ofSeconds(1)));
        if (!master.awaitLeadership(Duration.ofSeconds(30))) {
            throw new IllegalStateException("master did not lead");
        }
        for (int i = 0; i < agentCount; i++) {
            Path work = dir.resolve("agent" + i).toAbsolutePath();
            agents.add(Agent.start(AgentConfig.defaults("127.0.1." + (i + 1), 0, master.url(), work)
                    .withResources(agentResources + ";ports:[" + (31000 + 500 * i) + "-" + (31499 + 500 * i) + "]")
                    .withIsolation("cgroups")
                    .withCgroupName("svc-test-" + Integer.toHexString(work.toString().hashCode()) + "-" + i)));
        }
        services = ServicesFramework.start(ServicesConfig.defaults(zk.getConnectString() + "/marathon", master.url())
                .withPort(0));
        if (!services.awaitLeadership(Duration.ofSeconds(30))) {
            throw new IllegalStateException("services did not lead");
        }
    }

    /** One HTTP exchange with the services API. */
    record Reply(int status, String body) {
    }

    Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.url() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(reply.statusCode(), reply.body());
    }

    @Override
    public void close() throws Exception {
        services.close();
        for (Agent agent : agents) {
            agent.shutdown(Duration.ofSeconds(3));
        }
        master.close();
        zk.close();
    }
}
