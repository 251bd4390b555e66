package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.Address;
import io.strata.api.mesos.Offer;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AgentClientTest {
    private static final String STATE = """
            {"frameworks":[{"id":"fw-1","executors":[
                {"id":"web.1","directory":"/var/sandbox/web.1","tasks":[{"id":"web.1"}]},
                {"id":"group","directory":"/var/sandbox/group","tasks":[],"queued_tasks":[{"id":"queued.1"}]}],
              "completed_executors":[
                {"id":"old","directory":"/var/sandbox/old","completed_tasks":[{"id":"old.1"}]}]}],
             "completed_frameworks":[{"id":"fw-0","completed_executors":[
                {"id":"gone.1","directory":"/var/sandbox/gone.1","completed_tasks":[]}]}]}
            """;

    private static JsonNode state() throws Exception {
        return Json.mesos().readTree(STATE);
    }

    @Test
    void sandboxDirectory_searchesRunningQueuedCompletedAndCompletedFrameworks() throws Exception {
        assertThat(AgentClient.sandboxDirectory(state(), "fw-1", "web.1")).contains("/var/sandbox/web.1");
        assertThat(AgentClient.sandboxDirectory(state(), null, "queued.1")).contains("/var/sandbox/group");
        assertThat(AgentClient.sandboxDirectory(state(), null, "old.1")).contains("/var/sandbox/old");
        assertThat(AgentClient.sandboxDirectory(state(), null, "gone.1")).contains("/var/sandbox/gone.1");
    }

    @Test
    void sandboxDirectory_otherFrameworkOrUnknownTask_empty() throws Exception {
        assertThat(AgentClient.sandboxDirectory(state(), "fw-0", "web.1")).isEmpty();
        assertThat(AgentClient.sandboxDirectory(state(), null, "nope")).isEmpty();
    }

    @Test
    void baseUri_fromOfferUrlOrHostname() {
        var url = new Offer.Url("http", new Address("a1", "127.0.0.5", 5051), "/slave(1)");
        assertThat(AgentClient.baseUri(new Offer(null, null, null, "a1", url, null, null, null)))
                .isEqualTo(URI.create("http://127.0.0.5:5051"));
        assertThat(AgentClient.baseUri(new Offer(null, null, null, "a1", null, null, null, null)))
                .isEqualTo(URI.create("http://a1:5051"));
    }

    @Test
    void baseUri_fromPidOrHostname() {
        assertThat(AgentClient.baseUri("slave(1)@127.0.0.5:5052", "a1")).isEqualTo(URI.create("http://127.0.0.5:5052"));
        assertThat(AgentClient.baseUri(null, "a1")).isEqualTo(URI.create("http://a1:5051"));
    }

    @Test
    void read_encodesPathAndParsesChunk() {
        try (StubServer agent = new StubServer()) {
            agent.on("/files/read", ex -> StubServer.json(ex, "{\"data\":\"héllo\\n\",\"offset\":7}"));
            AgentClient client = new AgentClient(agent.uri(), HttpTransport.create());

            FileChunk chunk = client.read("/var/sandbox/a b/stdout", 7, 1024);

            assertThat(chunk).isEqualTo(new FileChunk("héllo\n", 7));
            assertThat(chunk.end()).isEqualTo(14);
            assertThat(agent.received.getFirst().query())
                    .isEqualTo("path=%2Fvar%2Fsandbox%2Fa+b%2Fstdout&offset=7&length=1024");
        }
    }
}
