package io.strata.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Formats;
import io.strata.cli.output.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns the master's {@code slaves[]} JSON into the {@code node list} table. */
public final class NodeTable {
    private NodeTable() {
    }

    /** One row per agent, sorted by hostname then id. */
    public static Table of(List<JsonNode> agents) {
        Table.Builder table = Table.builder("ID", "HOSTNAME", "CPUS", "MEM", "DISK", "ROLE-RESERVED", "ATTRIBUTES",
                "ACTIVE");
        List<JsonNode> sorted = new ArrayList<>(agents);
        sorted.sort(Comparator.comparing((JsonNode a) -> a.path("hostname").asText())
                .thenComparing(a -> a.path("id").asText()));
        for (JsonNode agent : sorted) {
            JsonNode used = agent.path("used_resources");
            JsonNode total = agent.path("resources");
            table.row(Formats.text(agent.path("id")), Formats.text(agent.path("hostname")),
                    Formats.usedOfTotal(used, total, "cpus"), Formats.usedOfTotal(used, total, "mem"),
                    Formats.usedOfTotal(used, total, "disk"), reserved(agent.path("reserved_resources")),
                    Formats.pairs(agent.path("attributes")), Formats.bool(agent.path("active")));
        }
        return table.build();
    }

    /**
     * The static and dynamic reservations per role, e.g. {@code ads(cpus:8;mem:1024) web(ports:[8080-8080])};
     * zero scalars are left out, "-" when nothing is reserved.
     */
    static String reserved(JsonNode byRole) {
        List<String> roles = new ArrayList<>();
        for (Map.Entry<String, JsonNode> role : Formats.sortedFields(byRole)) {
            List<String> amounts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> resource : Formats.sortedFields(role.getValue())) {
                JsonNode value = resource.getValue();
                if (value.isNumber() && value.asDouble() > 0) {
                    amounts.add(resource.getKey() + ":" + Formats.scalar(value.asDouble()));
                } else if (value.isTextual() && !value.asText().isEmpty()) {
                    amounts.add(resource.getKey() + ":" + value.asText());
                }
            }
            if (!amounts.isEmpty()) {
                roles.add(role.getKey() + "(" + String.join(";", amounts) + ")");
            }
        }
        return roles.isEmpty() ? "-" : String.join(" ", roles);
    }
}
