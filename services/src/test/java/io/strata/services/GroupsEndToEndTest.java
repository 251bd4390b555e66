package io.strata.services;

import static io.strata.services.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code /v2/groups} writes on a real master, one real agent running sleeps, real ZooKeeper. */
class GroupsEndToEndTest {
    @TempDir
    static Path dir;
    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(dir, 1, "cpus:2;mem:2048;disk:1000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String app(String id, int instances) {
        return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 600\",\"cpus\":0.05,\"mem\":16,\"instances\":" + instances + "}";
    }

    /** tasksRunning of an app, or -1 when it does not exist. */
    static int running(String id) throws Exception {
        TestCluster.Reply reply = cluster.call("GET", "/v2/apps" + id, null);
        return reply.status() == 404 ? -1 : json(reply.body()).get("app").get("tasksRunning").asInt();
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void groups_createScaleReplaceAndDelete_asMarathon() throws Exception {
        String shop = "{\"id\":\"/shop\",\"apps\":[" + app("web", 2) + "],\"groups\":[{\"id\":\"db\",\"apps\":["
                + app("/shop/db/pg", 1) + "]},{\"id\":\"empty\"}]}";
        TestCluster.Reply created = cluster.call("POST", "/v2/groups", shop);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(json(created.body()).fieldNames()).toIterable().containsExactly("version", "deploymentId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(running("/shop/web")).isEqualTo(2);
            assertThat(running("/shop/db/pg")).isEqualTo(1);
        });
        JsonNode group = json(cluster.call("GET", "/v2/groups/shop", null).body());
        assertThat(ids(group.get("apps"))).containsExactly("/shop/web");
        assertThat(ids(group.get("groups"))).containsExactly("/shop/db", "/shop/empty");

        TestCluster.Reply again = cluster.call("POST", "/v2/groups", shop);
        assertThat(again.status()).isEqualTo(409);
        assertThat(json(again.body()).get("message").asText())
                .isEqualTo("Group /shop is already created. Use PUT to change this group.");

        await().atMost(Duration.ofSeconds(30)).until(() -> json(cluster.call("GET", "/v2/deployments", null).body()).isEmpty());
        TestCluster.Reply scaled = cluster.call("PUT", "/v2/groups/shop", "{\"scaleBy\": 2}");
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(running("/shop/web")).isEqualTo(4);
            assertThat(running("/shop/db/pg")).isEqualTo(2);
        });

        // apps listed replace the direct apps, an empty groups list removes the subgroups with their apps
        await().atMost(Duration.ofSeconds(30)).until(() -> json(cluster.call("GET", "/v2/deployments", null).body()).isEmpty());
        TestCluster.Reply replaced = cluster.call("PUT", "/v2/groups/shop",
                "{\"apps\":[" + app("web", 1) + "],\"groups\":[]}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(running("/shop/web")).isEqualTo(1);
            assertThat(running("/shop/db/pg")).isEqualTo(-1);
        });
        assertThat(ids(json(cluster.call("GET", "/v2/groups/shop", null).body()).get("groups"))).isEmpty();

        // an app that cannot be placed keeps its deployment running: the group is locked until forced
        await().atMost(Duration.ofSeconds(30)).until(() -> json(cluster.call("GET", "/v2/deployments", null).body()).isEmpty());
        TestCluster.Reply unplaceable = cluster.call("PUT", "/v2/groups/shop",
                "{\"apps\":[" + app("web", 1) + ",{\"id\":\"huge\",\"cmd\":\"sleep 600\",\"cpus\":64}]}");
        assertThat(unplaceable.status()).as(unplaceable.body()).isEqualTo(200);
        TestCluster.Reply locked = cluster.call("PUT", "/v2/groups/shop", "{\"scaleBy\": 2}");
        assertThat(locked.status()).as(locked.body()).isEqualTo(409);
        assertThat(json(locked.body()).get("deployments").size()).isPositive();

        TestCluster.Reply deleted = cluster.call("DELETE", "/v2/groups/shop?force=true", null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(cluster.call("GET", "/v2/groups/shop", null).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(json(cluster.call("GET", "/v2/tasks", null).body()).get("tasks").size()).isZero());
        TestCluster.Reply gone = cluster.call("DELETE", "/v2/groups/shop", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(json(gone.body()).get("message").asText()).isEqualTo("Group '/shop' does not exist");
    }

    @Test
    void postGroup_invalidNestedApp_is422NamingThePathAndCreatesNothing() throws Exception {
        TestCluster.Reply reply = cluster.call("POST", "/v2/groups",
                "{\"id\":\"/bad\",\"apps\":[{\"id\":\"/other/x\",\"cmd\":\"x\"},{\"id\":\"y\",\"cmd\":\"x\",\"mem\":-5}]}");

        assertThat(reply.status()).isEqualTo(422);
        JsonNode body = json(reply.body());
        assertThat(body.get("message").asText()).isEqualTo("Object is not valid");
        List<String> paths = new ArrayList<>();
        body.get("details").forEach(d -> paths.add(d.get("path").asText()));
        assertThat(paths).containsExactly("/apps(0)/id", "/apps(1)/mem");
        assertThat(cluster.call("GET", "/v2/groups/bad", null).status()).isEqualTo(404);
        assertThat(cluster.call("POST", "/v2/groups", "{\"id\":\"/bad\",").status()).isEqualTo(422);
    }
}
