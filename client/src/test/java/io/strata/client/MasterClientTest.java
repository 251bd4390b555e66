package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MasterClientTest {

    @Test
    void agents_followsRedirectToLeader_readsSlavesArray() {
        try (StubServer leader = new StubServer(); StubServer follower = new StubServer()) {
            leader.on("/master/slaves", ex -> StubServer.json(ex, "{\"slaves\":[{\"id\":\"S0\"},{\"id\":\"S1\"}]}"));
            // Mesos writes a scheme-relative Location
            follower.on("/master/slaves", ex -> StubServer.redirect(ex, "//127.0.0.1:" + leader.uri().getPort()
                    + "/master/slaves"));

            var agents = MasterClient.of(follower.uri()).agents();

            assertThat(agents).extracting(a -> a.path("id").asText()).containsExactly("S0", "S1");
            assertThat(follower.received).hasSize(1);
            assertThat(leader.received).hasSize(1);
        }
    }

    @Test
    void killTask_redirectedPost_resendsBodyToLeader() {
        try (StubServer leader = new StubServer(); StubServer follower = new StubServer()) {
            leader.on("/api/v1", ex -> StubServer.reply(ex, 202, "text/plain", ""));
            follower.on("/api/v1", ex -> StubServer.redirect(ex, leader.uri() + "/api/v1"));

            MasterClient.of(follower.uri()).killTask("web.1");

            assertThat(leader.received).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.body()).isEqualTo("{\"type\":\"KILL_TASK\",\"kill_task\":{\"task_id\":{\"value\":\"web.1\"}}}");
            });
        }
    }

    @Test
    void killTask_unknownTask_notFoundWithBody() {
        try (StubServer master = new StubServer()) {
            master.on("/api/v1", ex -> StubServer.reply(ex, 404, "text/plain", "Task 'x' not found\n"));

            assertThatThrownBy(() -> MasterClient.of(master.uri()).killTask("x"))
                    .isInstanceOfSatisfying(StrataClientException.class, e -> {
                        assertThat(e.code()).isEqualTo(StrataClientException.Code.NOT_FOUND);
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.exitCode()).isEqualTo(1);
                    })
                    .hasMessageEndingWith("answered 404: Task 'x' not found");
        }
    }

    @Test
    void state_serverError_surfacesPlainTextBody() {
        try (StubServer master = new StubServer()) {
            master.on("/master/state", ex -> StubServer.reply(ex, 500, "text/plain", "registry unavailable"));

            assertThatThrownBy(() -> MasterClient.of(master.uri()).state())
                    .isInstanceOfSatisfying(StrataClientException.class,
                            e -> assertThat(e.code()).isEqualTo(StrataClientException.Code.SERVER_ERROR))
                    .hasMessageContaining("/master/state")
                    .hasMessageContaining("registry unavailable");
        }
    }

    @Test
    void state_noLeader_unavailableWithExitCode3() {
        try (StubServer master = new StubServer()) {
            master.on("/master/state", ex -> StubServer.reply(ex, 503, "text/plain", "No leader elected"));

            assertThatThrownBy(() -> MasterClient.of(master.uri()).state())
                    .isInstanceOfSatisfying(StrataClientException.class, e -> assertThat(e.exitCode()).isEqualTo(3));
        }
    }

    @Test
    void state_redirectLoop_protocolError() {
        try (StubServer master = new StubServer()) {
            master.on("/master/state", ex -> StubServer.redirect(ex, "/master/state"));

            assertThatThrownBy(() -> MasterClient.of(master.uri()).state())
                    .isInstanceOfSatisfying(StrataClientException.class,
                            e -> assertThat(e.code()).isEqualTo(StrataClientException.Code.PROTOCOL))
                    .hasMessageContaining("redirects");
            assertThat(master.received).hasSize(HttpTransport.MAX_REDIRECTS + 1);
        }
    }

    @Test
    void state_malformedJson_protocolError() {
        try (StubServer master = new StubServer()) {
            master.on("/master/state", ex -> StubServer.json(ex, "{\"slaves\": ["));

            assertThatThrownBy(() -> MasterClient.of(master.uri()).state())
                    .isInstanceOfSatisfying(StrataClientException.class,
                            e -> assertThat(e.code()).isEqualTo(StrataClientException.Code.PROTOCOL));
        }
    }

    @Test
    void state_connectionRefused_cannotReachMaster() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);

        assertThatThrownBy(() -> MasterClient.of(closed).state())
                .isInstanceOfSatisfying(StrataClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(StrataClientException.Code.UNREACHABLE);
                    assertThat(e.exitCode()).isEqualTo(3);
                })
                .hasMessage("cannot reach master at " + closed);
    }

    @Test
    void tasks_sendsPagingQuery() {
        try (StubServer master = new StubServer()) {
            master.on("/master/tasks", ex -> StubServer.json(ex, "{\"tasks\":[{\"id\":\"t\"}]}"));

            var tasks = MasterClient.of(master.uri()).tasks(new TaskQuery(10, 20, "asc"));

            assertThat(tasks).hasSize(1);
            assertThat(master.received.getFirst().query()).isEqualTo("limit=10&offset=20&order=asc");
        }
    }

    @Test
    void healthy_answersByStatus() {
        try (StubServer master = new StubServer()) {
            master.on("/health", ex -> StubServer.reply(ex, 200, "text/plain", ""));

            assertThat(MasterClient.of(master.uri()).healthy()).isTrue();
        }
    }
}
