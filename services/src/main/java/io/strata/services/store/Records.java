package io.strata.services.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.services.model.Condition;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts instances and deployments to and from their stored JSON maps (timestamps as ISO 8601 text). */
final class Records {
    private Records() {
    }

    static Map<String, Object> instance(Instance i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("taskId", i.taskId());
        out.put("appId", i.appId().toString());
        out.put("version", text(i.version()));
        out.put("configVersion", text(i.configVersion()));
        out.put("agentId", i.agentId());
        out.put("host", i.host());
        out.put("ports", i.ports());
        out.put("servicePorts", i.servicePorts());
        out.put("condition", i.condition().name());
        out.put("stagedAt", text(i.stagedAt()));
        out.put("startedAt", text(i.startedAt()));
        out.put("killRequestedAt", text(i.killRequestedAt()));
        out.put("healthy", i.healthy());
        out.put("message", i.message());
        out.put("unreachableSince", text(i.unreachableSince()));
        return out;
    }

    static Instance instance(JsonNode n) {
        List<Long> ports = new ArrayList<>();
        n.path("ports").forEach(p -> ports.add(p.asLong()));
        List<Integer> servicePorts = new ArrayList<>();
        n.path("servicePorts").forEach(p -> servicePorts.add(p.asInt()));
        return new Instance(n.get("taskId").asText(), PathId.parse(n.get("appId").asText()), time(n, "version"),
                time(n, "configVersion"), n.path("agentId").asText(null), n.path("host").asText(null), ports,
                servicePorts, Condition.valueOf(n.get("condition").asText()), time(n, "stagedAt"),
                time(n, "startedAt"), time(n, "killRequestedAt"),
                n.hasNonNull("healthy") ? n.get("healthy").asBoolean() : null, 0, null, null,
                n.path("message").asText(null), List.of(), time(n, "unreachableSince"));
    }

    static Map<String, Object> deployment(Deployment d, Map<String, Object> previousApp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("version", text(d.version()));
        out.put("appId", d.appId().toString());
        out.put("steps", d.steps().stream().map(Enum::name).toList());
        out.put("currentStep", d.currentStep());
        out.put("startedAt", text(d.startedAt()));
        out.put("previous", previousApp);
        return out;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant time(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
