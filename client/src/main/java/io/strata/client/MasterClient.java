package io.strata.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a master's operator endpoints (the JSON of spec section 1.6), plus the operator's task kill.
 *
 * <p>Every method is one blocking HTTP exchange that follows a 307 to the leader; failures throw
 * {@link StrataClientException}. JSON documents are returned as Jackson trees because their shape is the
 * loosely typed Mesos state JSON (resources as flat maps, {@code slaves} spelled as Mesos does). Thread-safe.
 */
public final class MasterClient {
    private final URI master;
    private final HttpTransport transport;

    /** A client of the master at {@code master} (e.g. {@code http://127.0.0.1:5050}). */
    public MasterClient(URI master, HttpTransport transport) {
        this.master = MasterLocator.withoutTrailingSlash(master);
        this.transport = transport;
    }

    /** A client with its own transport. */
    public static MasterClient of(URI master) {
        return new MasterClient(master, HttpTransport.create());
    }

    /** The master URL this client was created with. */
    public URI master() {
        return master;
    }

    /** {@code GET /master/state}: the full cluster state. */
    public JsonNode state() {
        return getJson("/master/state");
    }

    /** {@code GET /master/state-summary}: agents and frameworks with task counts, no tasks. */
    public JsonNode stateSummary() {
        return getJson("/master/state-summary");
    }

    /** {@code GET /master/slaves}: the registered agents (the {@code slaves} array). */
    public List<JsonNode> agents() {
        return array(getJson("/master/slaves"), "slaves");
    }

    /** {@code GET /master/frameworks}: the active frameworks (the {@code frameworks} array). */
    public List<JsonNode> frameworks() {
        return array(getJson("/master/frameworks"), "frameworks");
    }

    /** {@code GET /master/tasks?limit=&offset=&order=}: one page of tasks (the {@code tasks} array). */
    public List<JsonNode> tasks(TaskQuery query) {
        return array(getJson("/master/tasks?" + query.queryString()), "tasks");
    }

    /** {@code GET /version}: build information. */
    public JsonNode version() {
        return getJson("/version");
    }

    /**
     * {@code GET /health}: true when the master answers 2xx, false when it answers an error status.
     *
     * @throws StrataClientException with {@link StrataClientException.Code#UNREACHABLE} when nobody answers
     */
    public boolean healthy() {
        HttpTransport.Reply reply = transport.exchange(resolve("/health"), "GET", null, Map.of());
        return reply.status() / 100 == 2;
    }

    /**
     * Kills a task of any framework through the operator API: {@code POST /api/v1}
     * {@code {"type":"KILL_TASK","kill_task":{"task_id":{"value":ID}}}}; the master answers 202 once the kill
     * is under way.
     *
     * @throws StrataClientException with {@link StrataClientException.Code#NOT_FOUND} for an unknown task
     */
    public void killTask(String taskId) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("type", "KILL_TASK");
        call.putObject("kill_task").putObject("task_id").put("value", taskId);
        transport.post(resolve("/api/v1"), "application/json", Json.toBytes(call),
                Map.of("Accept", "application/json"));
    }

    /** GETs a path of the master and parses the reply as JSON. */
    public JsonNode getJson(String pathAndQuery) {
        HttpTransport.Reply reply = transport.get(resolve(pathAndQuery));
        return parse(reply);
    }

    static JsonNode parse(HttpTransport.Reply reply) {
        try {
            return Json.mesos().readTree(reply.body());
        } catch (IOException e) {
            throw StrataClientException.protocol(reply.uri(), "malformed JSON from " + reply.uri().getPath(), e);
        }
    }

    static List<JsonNode> array(JsonNode document, String field) {
        JsonNode items = document.path(field);
        List<JsonNode> out = new ArrayList<>(items.size());
        items.forEach(out::add);
        return List.copyOf(out);
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(master + pathAndQuery);
    }
}
