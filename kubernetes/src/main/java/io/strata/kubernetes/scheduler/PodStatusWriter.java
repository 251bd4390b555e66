package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.apiserver.Subresources;
import io.strata.kubernetes.pods.PodRun;
import io.strata.kubernetes.resources.ResourceType;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's pod writes to the store: a pod's status computed from its run (coalesced per pod by
 * {@link PodWrites}), a binding stored together with the status that follows it, and the PodScheduled=False
 * condition of an unschedulable pod, and the final removal of a pod deleted gracefully. The loop submits; the writes run on {@link PodWrites} threads, in order per pod.
 *
 * <p>Thread-safe.
 */
final class PodStatusWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PodStatusWriter.class);

    private final ResourceService service;
    private final Subresources subresources;
    private final ResourceType pods;
    private final PodWrites writes;
    private final InstantSource clock;
    private final String component;

    PodStatusWriter(ResourceService service, PodWrites writes, InstantSource clock, String component) {
        this.service = service;
        this.subresources = new Subresources(service);
        this.pods = service.catalog().find("v1", "pods").orElseThrow();
        this.writes = writes;
        this.clock = clock;
        this.component = component;
    }

    /** Computes the pod's status from its run now and queues its write (replacing a status still waiting). */
    void writeStatus(ObjectNode pod, PodRun run) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        ObjectNode computed = run.status(pod, clock.instant());
        writes.status(ns + "/" + name, computed, status -> storeStatus(ns, name, status, run));
    }

    /** Stores a pod's status (on a {@link PodWrites} thread). */
    private void storeStatus(String ns, String name, ObjectNode status, PodRun run) {
        try {
            service.modify(pods, ns, name, o -> withStatus(o, status, run));
        } catch (ApiError e) {
            if (e.code() != 404) {
                LOG.warn("cannot write the status of {}/{}: {}", ns, name, e.getMessage());
            }
        }
    }

    /** The pod {@code o} with {@code status}, keeping the times of conditions whose status did not change. */
    private static ObjectNode withStatus(ObjectNode o, ObjectNode status, PodRun run) {
        ObjectNode merged = status.deepCopy();
        JsonNode old = o.path("status");
        // keep the times of conditions whose status did not change, as upstream
        for (JsonNode c : merged.path("conditions")) {
            for (JsonNode p : old.path("conditions")) {
                if (p.path("type").equals(c.path("type")) && p.path("status").equals(c.path("status"))) {
                    ((ObjectNode) c).set("lastTransitionTime", p.path("lastTransitionTime"));
                }
            }
        }
        o.set("status", merged);
        run.hostPorts().annotate(o); // where the endpoints controller and the service proxy reach it
        return o;
    }

    /**
     * Stores a binding together with the pod's newest waiting status (its launch usually follows the placement in
     * the same pass): one write instead of two. 409 when the pod is already bound, as {@code pods/binding}.
     * Runs on a {@link PodWrites} thread.
     */
    ObjectNode storeBinding(String ns, String name, String node, PodRun run) {
        ObjectNode status = writes.takeStatus(ns + "/" + name);
        if (status == null) {
            return subresources.bind(ns, name, node, RequestOptions.of(component));
        }
        return service.modify(pods, ns, name, o -> {
            String current = o.path("spec").path("nodeName").asText("");
            if (!current.isEmpty()) {
                throw ApiError.conflict(pods, name, "pod " + name + " is already assigned to node \"" + current
                        + "\"");
            }
            o.with("spec").put("nodeName", node);
            return withStatus(o, status, run);
        });
    }

    /** Removes a pod whose tasks all ended after a graceful delete, with grace 0 (as upstream's kubelet does). */
    void remove(JsonNode pod) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        writes.submit(ns + "/" + name, () -> {
            try {
                service.delete(pods, ns, name, "Background", 0, false, 0);
            } catch (ApiError e) {
                if (e.code() != 404) {
                    LOG.warn("cannot delete pod {}/{}: {}", ns, name, e.getMessage());
                }
            }
        });
    }

    /**
     * Stores phase Pending with PodScheduled=False (reason Unschedulable, {@code message}) on a
     * {@link PodWrites} thread; false when the pod is gone or the write failed.
     */
    boolean storeUnschedulable(ObjectNode pod, String message) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        try {
            service.modify(pods, ns, name, o -> {
                ObjectNode status = o.with("status");
                status.put("phase", "Pending");
                ArrayNode conditions = status.putArray("conditions");
                conditions.addObject().put("type", "PodScheduled").put("status", "False").putNull("lastProbeTime")
                        .put("lastTransitionTime", service.now()).put("reason", "Unschedulable")
                        .put("message", message);
                return o;
            });
            return true;
        } catch (ApiError e) {
            return false;
        }
    }
}
