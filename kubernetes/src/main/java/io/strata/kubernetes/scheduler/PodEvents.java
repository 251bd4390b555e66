package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events about pods ({@code Scheduled}, {@code FailedScheduling}, kubelet warnings) as upstream's core/v1 Event
 * objects: built on the caller's thread (their timestamp is the moment of the decision), recorded off the loop.
 *
 * <p>Thread-safe. A failed recording is logged at debug level: events are best effort, as upstream's recorder.
 */
final class PodEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);

    private final ResourceService service;
    private final ResourceType events;
    private final PodWrites writes;

    PodEvents(ResourceService service, PodWrites writes) {
        this.service = service;
        this.events = service.catalog().find("v1", "events").orElseThrow();
        this.writes = writes;
    }

    /** Records an event about a pod, off the loop, in no particular order with the pod's other writes. */
    void record(JsonNode pod, String type, String reason, String message, String component) {
        ObjectNode ev = object(pod, type, reason, message, component);
        writes.any(() -> store(ev));
    }

    /** An Event about {@code pod}, named {@code <pod>.<hex nanos>} as upstream's recorder names them. */
    ObjectNode object(JsonNode pod, String type, String reason, String message, String component) {
        ObjectNode ev = JsonNodeFactory.instance.objectNode();
        ev.put("apiVersion", "v1").put("kind", "Event");
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        ev.putObject("metadata").put("name", name + "." + Long.toHexString(System.nanoTime()))
                .put("namespace", ns);
        ev.putObject("involvedObject").put("kind", "Pod").put("namespace", ns).put("name", name)
                .put("uid", pod.path("metadata").path("uid").asText()).put("apiVersion", "v1")
                .put("resourceVersion", pod.path("metadata").path("resourceVersion").asText());
        ev.put("reason", reason).put("message", message).put("type", type);
        ev.putObject("source").put("component", component);
        String now = service.now();
        ev.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
        ev.put("reportingComponent", component).put("reportingInstance", "");
        return ev;
    }

    /** Stores an event on the calling thread (a {@link PodWrites} thread). */
    void store(ObjectNode ev) {
        String ns = ev.path("metadata").path("namespace").asText();
        try {
            service.create(events, ns, ev, RequestOptions.of(ev.path("source").path("component").asText()));
        } catch (ApiError e) {
            LOG.debug("cannot record event {} in {}: {}", ev.path("reason").asText(), ns, e.getMessage());
        }
    }
}
