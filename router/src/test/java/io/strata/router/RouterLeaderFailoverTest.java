package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import io.strata.master.Master;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** When the leading master goes away, {@code /mesos/} follows the new leader, by URL and by ZooKeeper alike. */
class RouterLeaderFailoverTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void mesosRoute_leaderStops_followsTheNewLeader() throws Exception {
        try (TestMasters masters = new TestMasters()) {
            Master first = masters.start();
            Master second = masters.start();
            try (AdminRouter viaUrl = AdminRouter.start(RouterConfig.defaults(second.url()).withListen("127.0.0.1", 0));
                 AdminRouter viaZk = AdminRouter.start(RouterConfig.defaults(masters.zkUrl()).withListen("127.0.0.1", 0))) {
                assertThat(leaderId(viaUrl)).isEqualTo(first.info().id());
                assertThat(leaderId(viaZk)).isEqualTo(first.info().id());

                first.close();

                Awaitility.await("the URL-configured router follows").atMost(Duration.ofSeconds(60))
                        .until(() -> second.info().id().equals(leaderId(viaUrl)));
                Awaitility.await("the ZooKeeper-configured router follows").atMost(Duration.ofSeconds(60))
                        .until(() -> second.info().id().equals(leaderId(viaZk)));
            }
        }
    }

    /** The id in the state the router serves, or null while it answers an error. */
    private String leaderId(AdminRouter router) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(router.url() + "/mesos/master/state"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.mesos().readTree(r.body()).path("id").asText() : null;
    }
}
