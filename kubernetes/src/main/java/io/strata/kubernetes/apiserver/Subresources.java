package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.FieldError;
import io.strata.kubernetes.resources.ObjectRules;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.selector.LabelSelector;
import java.util.List;
import java.util.Objects;

/**
 * The subresources that are not the object itself: {@code scale} (an autoscaling/v1 Scale view of a Deployment or
 * ReplicaSet) and {@code pods/binding}, over a {@link ResourceService}.
 */
public final class Subresources {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ResourceService service;

    /** Subresources over {@code service}. */
    public Subresources(ResourceService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Binds an unbound pod to a node ({@code pods/binding}): sets {@code spec.nodeName} and the PodScheduled
     * condition; 409 when the pod is already bound, as upstream.
     */
    public ObjectNode bind(String namespace, String name, String node, RequestOptions options) {
        ResourceType pods = service.catalog().find("v1", "pods").orElseThrow();
        if (node.isEmpty()) {
            throw ApiError.invalid(pods, name, List.of(FieldError.required("target.name", "")));
        }
        ObjectNode pod = service.get(pods, namespace, name);
        String current = pod.path("spec").path("nodeName").asText("");
        if (!current.isEmpty()) {
            throw ApiError.conflict(pods, name, "pod " + name + " is already assigned to node \"" + current + "\"");
        }
        if (options.dryRun()) {
            return pod;
        }
        return service.modify(pods, namespace, name, o -> {
            if (!o.path("spec").path("nodeName").asText("").isEmpty()) {
                throw ApiError.conflict(pods, name, "pod " + name + " is already assigned to node \""
                        + o.path("spec").path("nodeName").asText() + "\"");
            }
            ObjectRules.obj(o, "spec").put("nodeName", node);
            ArrayNode conditions = ObjectRules.array(ObjectRules.obj(o, "status"), "conditions");
            for (int i = conditions.size() - 1; i >= 0; i--) {
                if (conditions.get(i).path("type").asText().equals("PodScheduled")) {
                    conditions.remove(i);
                }
            }
            conditions.addObject().put("type", "PodScheduled").put("status", "True").putNull("lastProbeTime")
                    .put("lastTransitionTime", service.now());
            return o;
        });
    }

    /** Reads the {@code scale} subresource of a Deployment or ReplicaSet. */
    public ObjectNode scale(ResourceType type, String namespace, String name) {
        ObjectNode o = service.get(type, namespace, name);
        ObjectNode s = F.objectNode();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = s.putObject("metadata");
        JsonNode m = o.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (m.has(f)) {
                meta.set(f, m.get(f));
            }
        }
        s.putObject("spec").put("replicas", o.path("spec").path("replicas").asInt(0));
        ObjectNode status = s.putObject("status");
        status.put("replicas", o.path("status").path("replicas").asInt(0));
        status.put("selector", LabelSelector.format(o.path("spec").path("selector")));
        return s;
    }

    /** Writes the {@code scale} subresource: sets {@code spec.replicas} from a Scale object. */
    public ObjectNode writeScale(ResourceType type, String namespace, String name, ObjectNode scale,
            RequestOptions options) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
            throw ApiError.invalid(catalogScale(), name, List.of(FieldError.invalid("spec.replicas",
                    replicas.isMissingNode() ? "null" : replicas.toString(), "must be greater than or equal to 0")));
        }
        String rv = scale.path("metadata").path("resourceVersion").asText("");
        ObjectNode old = service.get(type, namespace, name);
        ObjectNode next = old.deepCopy();
        ObjectRules.obj(next, "spec").put("replicas", replicas.asInt());
        ObjectRules.obj(next, "metadata").put("resourceVersion", rv.isEmpty()
                ? old.path("metadata").path("resourceVersion").asText() : rv);
        long expected = rv.isEmpty() ? 0 : ResourceService.revisionOf(type, name, scale.path("metadata"));
        service.commitUpdate(type, namespace, name, "", old, next, expected, options, null);
        return scale(type, namespace, name);
    }

    private static ResourceType catalogScale() {
        return new ResourceType("autoscaling", "v1", "scale", "scale", "Scale", true, List.of(), List.of(), List.of());
    }
}
