package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The pieces of a pod status as upstream's kubelet writes them (pure): container statuses, conditions, QoS, times. */
final class StatusParts {

    private StatusParts() {
    }

    /**
     * One container's status: {@code live} when it belongs to the launched group, {@code showTerminated} when its
     * last end is to be shown (not about to restart), {@code waiting} a reason that overrides its state.
     */
    static ObjectNode containerStatus(ObjectNode s, ContainerRun c, boolean live, boolean showTerminated,
            String waiting) {
        s.put("name", c.name);
        ObjectNode state = s.putObject("state");
        if (waiting != null) {
            state.putObject("waiting").put("reason", waiting);
        } else if (c.running(live)) {
            state.putObject("running").put("startedAt", time(c.startedAt));
        } else if (c.phase == ContainerRun.Phase.TERMINATED && showTerminated) {
            terminated(state.putObject("terminated"), c.exitCode, c.reason, c.message, c.startedAt,
                    c.finishedAt, "strata://" + c.taskId);
        } else {
            ObjectNode w = state.putObject("waiting").put("reason", c.waitingReason == null
                    ? "ContainerCreating" : c.waitingReason);
            if (c.waitingMessage != null) {
                w.put("message", c.waitingMessage);
            }
        }
        ObjectNode last = s.putObject("lastState");
        if (c.last != null) {
            terminated(last.putObject("terminated"), c.last.exitCode(), c.last.reason(), c.last.message(),
                    c.last.startedAt(), c.last.finishedAt(), c.last.containerId());
        }
        s.put("restartCount", c.restartCount);
        s.put("image", c.image);
        s.put("imageID", "");
        if (c.taskId != null) {
            s.put("containerID", "strata://" + c.taskId);
        }
        return s;
    }

    static void terminated(ObjectNode t, int exitCode, String reason, String message, Instant started,
            Instant finished, String id) {
        t.put("exitCode", exitCode);
        t.put("reason", reason);
        if (message != null) {
            t.put("message", message);
        }
        t.put("startedAt", time(started));
        t.put("finishedAt", time(finished));
        t.put("containerID", id);
    }

    static ObjectNode condition(ArrayNode conditions, String type, boolean ok, String time) {
        ObjectNode c = conditions.addObject();
        c.put("type", type).put("status", ok ? "True" : "False");
        c.putNull("lastProbeTime");
        c.put("lastTransitionTime", time);
        return c;
    }

    /** Upstream's QoS class: BestEffort without requests or limits, Guaranteed when limits equal requests. */
    static String qos(JsonNode pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (JsonNode c : pod.path("spec").path("containers")) {
            JsonNode limits = c.path("resources").path("limits");
            JsonNode requests = c.path("resources").path("requests");
            any |= limits.size() > 0 || requests.size() > 0;
            for (String r : new String[] {"cpu", "memory"}) {
                if (!limits.has(r) || requests.has(r) && !requests.path(r).asText().equals(limits.path(r).asText())) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
