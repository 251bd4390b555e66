package io.strata.kubernetes.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Pure readings of pods and owner references that several controllers share, as upstream's controller utils. */
public final class PodState {

    private PodState() {
    }

    /** Whether the pod counts as active: not Succeeded/Failed and not being deleted. */
    public static boolean active(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return !phase.equals("Succeeded") && !phase.equals("Failed") && !pod.path("metadata").has("deletionTimestamp");
    }

    /** Whether the pod's Ready condition is True. */
    public static boolean ready(JsonNode pod) {
        return readySince(pod) != null;
    }

    /** When the pod became Ready (its Ready condition's lastTransitionTime; EPOCH when absent), null if not ready. */
    public static Instant readySince(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                if (!c.path("status").asText().equals("True")) {
                    return null;
                }
                return instant(c.path("lastTransitionTime").asText(""), Instant.EPOCH);
            }
        }
        return null;
    }

    /** Whether the pod has been ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean available(JsonNode pod, long minReadySeconds, Instant now) {
        Instant since = readySince(pod);
        return since != null && (minReadySeconds <= 0 || !since.plusSeconds(minReadySeconds).isAfter(now));
    }

    /** The uid of the object's controller owner reference, or "" when it has none. */
    public static String controllerUid(JsonNode o) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref.path("uid").asText("");
            }
        }
        return "";
    }

    /** The name of the object's controller owner of {@code kind}, or "" when it has none. */
    public static String controllerName(JsonNode o, String kind) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && ref.path("kind").asText().equals(kind)) {
                return ref.path("name").asText("");
            }
        }
        return "";
    }

    /** An owner reference to {@code owner} with controller and blockOwnerDeletion set, as upstream's controllers. */
    public static ObjectNode controllerRef(JsonNode owner, String apiVersion, String kind) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("apiVersion", apiVersion).put("kind", kind)
                .put("name", owner.path("metadata").path("name").asText())
                .put("uid", owner.path("metadata").path("uid").asText())
                .put("controller", true).put("blockOwnerDeletion", true);
        return ref;
    }

    /** The metadata's namespace ("" if absent). */
    public static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    /** The metadata's name. */
    public static String name(JsonNode o) {
        return o.path("metadata").path("name").asText("");
    }

    /** The metadata's uid. */
    public static String uid(JsonNode o) {
        return o.path("metadata").path("uid").asText("");
    }

    /** Whether the object carries a deletionTimestamp. */
    public static boolean deleting(JsonNode o) {
        return o.path("metadata").has("deletionTimestamp");
    }

    /** Parses an RFC 3339 timestamp, or {@code fallback} when absent or malformed. */
    public static Instant instant(String text, Instant fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /**
     * Whether two JSON trees are equal, numbers compared by value (a stored int and a freshly built long are the
     * same): reconcilers use it to skip writes that would change nothing.
     */
    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.equals(y) || x.isNumber() && y.isNumber()
                && x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1, b);
    }

    /** A timestamp as Kubernetes writes them (seconds precision). */
    public static String timestamp(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
