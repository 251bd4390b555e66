package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.master.Master;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The router in front of two real masters (a leader and a standby) on an in-process ZooKeeper, with a framework
 * subscribed through {@link SchedulerClient} whose {@code webui_url} is a real HTTP server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterMasterTest {
    private static final String FRAMEWORK = "webfw";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestMasters masters;
    private Master leader;
    private Master standby;
    private TestUpstream webui;
    private SchedulerClient scheduler;
    private AdminRouter viaStandby;
    private AdminRouter viaZooKeeper;

    @BeforeAll
    void start() throws Exception {
        masters = new TestMasters();
        leader = masters.start();
        standby = masters.start();
        webui = new TestUpstream();
        scheduler = SchedulerClient.of(URI.create(leader.url()));
        scheduler.subscribe(new FrameworkInfo("root", FRAMEWORK, null, 0.0, false, "*", null, null, webui.url(),
                List.of(), null), new EventListener() {
                    @Override
                    public void onEvent(Event event) {
                    }

                    @Override
                    public void onStreamEnded(StrataClientException cause) {
                    }
                });
        viaStandby = AdminRouter.start(RouterConfig.defaults(standby.url()).withListen("127.0.0.1", 0));
        viaZooKeeper = AdminRouter.start(RouterConfig.defaults(masters.zkUrl()).withListen("127.0.0.1", 0));
    }

    @AfterAll
    void stop() throws Exception {
        viaZooKeeper.close();
        viaStandby.close();
        scheduler.close();
        webui.close();
        masters.close();
    }

    @Test
    void mesosRoute_configuredWithAStandby_answersTheLeadersStateWithoutA307() throws Exception {
        HttpResponse<String> r = get(viaStandby, "/mesos/master/state");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode state = Json.mesos().readTree(r.body());
        assertThat(state.path("id").asText()).isEqualTo(leader.info().id());
        assertThat(state.path("frameworks").findValuesAsText("name")).contains(FRAMEWORK);
    }

    @Test
    void mesosRoute_configuredWithZooKeeper_answersTheLeadersState() throws Exception {
        HttpResponse<String> r = get(viaZooKeeper, "/mesos/master/state");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mesos().readTree(r.body()).path("id").asText()).isEqualTo(leader.info().id());
    }

    @Test
    void mesosRoute_standbysOwnRedirect_isRewrittenUnderTheRouter() throws Exception {
        // /master/redirect on the leader names itself: the Location must not point past the router
        HttpResponse<String> r = get(viaStandby, "/mesos/master/redirect");

        assertThat(r.statusCode()).isEqualTo(307);
        assertThat(r.headers().firstValue("Location")).hasValue("/mesos/");
    }

    @Test
    void serviceRoute_frameworkWebUi_isReachedWithThePrefixStripped() throws Exception {
        HttpResponse<String> r = get(viaZooKeeper, "/service/" + FRAMEWORK + "/echo/ui?tab=1");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode seen = Json.mesos().readTree(r.body());
        assertThat(seen.path("path").asText()).isEqualTo("/echo/ui");
        assertThat(seen.path("query").asText()).isEqualTo("tab=1");
        assertThat(seen.path("x_forwarded_prefix").asText()).isEqualTo("/service/" + FRAMEWORK);
    }

    @Test
    void serviceRoute_frameworkId_isAnAliasOfItsName() throws Exception {
        String id = scheduler.frameworkId().orElseThrow().value();

        assertThat(get(viaStandby, "/service/" + id + "/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void systemHealth_reportsTheLeadingMasterHealthy() throws Exception {
        JsonNode body = Json.mesos().readTree(get(viaStandby, "/system/health").body());

        assertThat(body.at("/components/mesos/health").asText()).isEqualTo("HEALTHY");
        assertThat(body.at("/components/mesos/url").asText()).isEqualTo(leader.url());
    }

    private HttpResponse<String> get(AdminRouter router, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(router.url() + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
