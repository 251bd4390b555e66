package io.strata.master.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

/**
 * A framework speaking the v1 scheduler API as raw JSON: SUBSCRIBE opens a {@link RecordIoStream}; every other
 * call is a separate POST carrying {@code Mesos-Stream-Id}. Assertions read the stream's JSON events.
 */
public final class TestScheduler implements AutoCloseable {
    /** A plain framework: user root, role *, failover timeout 1 hour. */
    public static final String PLAIN = "{\"user\":\"root\",\"name\":\"test\",\"role\":\"*\",\"failover_timeout\":3600}";
    /** A PARTITION_AWARE framework. */
    public static final String PARTITION_AWARE = "{\"user\":\"root\",\"name\":\"pa\",\"failover_timeout\":3600,"
            + "\"capabilities\":[{\"type\":\"PARTITION_AWARE\"}]}";

    private volatile String masterUrl;
    private volatile RecordIoStream stream;
    private volatile String frameworkId;
    private volatile String streamId;

    private TestScheduler(String masterUrl) {
        this.masterUrl = masterUrl;
    }

    /** Subscribes a new framework with the given framework_info JSON and waits for SUBSCRIBED. */
    public static TestScheduler subscribe(String masterUrl, String frameworkInfo) {
        TestScheduler s = new TestScheduler(masterUrl);
        s.open(frameworkInfo);
        return s;
    }

    /** Subscribes again with the framework id set (failover), on a new stream. */
    public RecordIoStream resubscribe(String url, String frameworkInfo) {
        masterUrl = url;
        ObjectNode info = (ObjectNode) Http.json(frameworkInfo);
        info.putObject("id").put("value", frameworkId);
        open(info.toString());
        return stream;
    }

    private void open(String frameworkInfo) {
        String body = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":" + frameworkInfo + "}}";
        RecordIoStream s = RecordIoStream.open(masterUrl + "/api/v1/scheduler", body);
        if (s.status() != 200) {
            throw new AssertionError("SUBSCRIBE answered " + s.status() + ": " + s.errorBody());
        }
        JsonNode subscribed = s.await("SUBSCRIBED");
        stream = s;
        frameworkId = subscribed.path("subscribed").path("framework_id").path("value").asText();
        streamId = s.header("Mesos-Stream-Id").orElseThrow();
    }

    /** The SUBSCRIBE body for a framework info (for tests that open streams themselves). */
    public static String subscribeBody(String frameworkInfo) {
        return "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":" + frameworkInfo + "}}";
    }

    /** Sends a call of a type with a body field (JSON text, or null for none); returns the answer. */
    public HttpResponse<String> call(String type, String body) {
        return post(envelope(type, body), Map.of("Mesos-Stream-Id", streamId));
    }

    /** The call envelope {@code {"framework_id":..,"type":..,"<type>":body}}. */
    public String envelope(String type, String body) {
        ObjectNode call = Json.mesos().createObjectNode();
        call.putObject("framework_id").put("value", frameworkId);
        call.put("type", type);
        if (body != null) {
            call.set(type.toLowerCase(Locale.ROOT), Http.json(body));
        }
        return call.toString();
    }

    /** POSTs any text to the scheduler endpoint with the given headers. */
    public HttpResponse<String> post(String text, Map<String, String> headers) {
        return Http.post(masterUrl + "/api/v1/scheduler", text, headers);
    }

    /** Sends a call that must be accepted (202). */
    public void accepted(String type, String body) {
        HttpResponse<String> r = call(type, body);
        if (r.statusCode() != 202) {
            throw new AssertionError(type + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Waits for an OFFERS event and returns its first offer. */
    public JsonNode awaitOffer() {
        return stream.await("OFFERS").path("offers").path("offers").get(0);
    }

    /** Waits for an OFFERS event after the n-th (0-based) and returns its first offer. */
    public JsonNode awaitOfferAfter(int seen) {
        return org.awaitility.Awaitility.await("offer #" + seen).atMost(java.time.Duration.ofSeconds(10))
                .until(() -> stream.events("OFFERS"), l -> l.size() > seen).get(seen)
                .path("offers").path("offers").get(0);
    }

    /** Waits for an UPDATE of a task in a state and returns its status. */
    public JsonNode awaitUpdate(String taskId, String state) {
        return stream.await("UPDATE", e -> e.path("update").path("status").path("task_id").path("value").asText()
                .equals(taskId) && e.path("update").path("status").path("state").asText().equals(state))
                .path("update").path("status");
    }

    /** Launches one command task with cpus/mem on an offer (refuse_seconds 0 for the rest). */
    public void launch(JsonNode offer, String taskId, double cpus, double mem) {
        accepted("ACCEPT", acceptBody(offer.path("id").path("value").asText(), task(taskId, cpus, mem)));
    }

    /** The accept body launching the given task JSON on an offer id. */
    public static String acceptBody(String offerId, String... tasks) {
        return "{\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"operations\":[{\"type\":\"LAUNCH\",\"launch\":"
                + "{\"task_infos\":[" + String.join(",", tasks) + "]}}],\"filters\":{\"refuse_seconds\":0}}";
    }

    /** A LAUNCH_GROUP accept body: an executor of the type with cpus 0.1 and mem 32 running the given task JSONs. */
    public static String launchGroupBody(String offerId, String executorId, String executorType, String... tasks) {
        return "{\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"operations\":[{\"type\":\"LAUNCH_GROUP\","
                + "\"launch_group\":{\"executor\":{\"type\":\"" + executorType + "\",\"executor_id\":{\"value\":\""
                + executorId + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}},"
                + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32}}]},"
                + "\"task_group\":{\"tasks\":[" + String.join(",", tasks) + "]}}}],\"filters\":{\"refuse_seconds\":0}}";
    }

    /** A command task's JSON with scalar cpus and mem given as JSON number text (e.g. "-1" or "\"NaN\""). */
    public static String task(String taskId, String cpus, String mem) {
        return "{\"name\":\"" + taskId + "\",\"task_id\":{\"value\":\"" + taskId + "\"},\"resources\":["
                + "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + cpus + "}},"
                + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + mem + "}}],"
                + "\"command\":{\"value\":\"sleep 1000\"}}";
    }

    /** A command task's JSON. */
    public static String task(String taskId, double cpus, double mem) {
        return task(taskId, String.valueOf(cpus), String.valueOf(mem));
    }

    public String frameworkId() {
        return frameworkId;
    }

    public String streamId() {
        return streamId;
    }

    /** The current subscription stream. */
    public RecordIoStream stream() {
        return stream;
    }

    /** Cuts the subscription stream (the framework disconnects; the master starts its failover timeout). */
    @Override
    public void close() {
        RecordIoStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
