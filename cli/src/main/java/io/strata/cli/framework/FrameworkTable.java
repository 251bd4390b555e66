package io.strata.cli.framework;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Formats;
import io.strata.cli.output.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns the master's {@code frameworks[]} JSON into the {@code framework list} table. */
public final class FrameworkTable {
    private FrameworkTable() {
    }

    /** One row per framework, sorted by name then id; TASKS counts its active tasks. */
    public static Table of(List<JsonNode> frameworks) {
        Table.Builder table = Table.builder("ID", "NAME", "ROLE", "ACTIVE", "TASKS", "CPUS", "MEM");
        List<JsonNode> sorted = new ArrayList<>(frameworks);
        sorted.sort(Comparator.comparing((JsonNode f) -> f.path("name").asText())
                .thenComparing(f -> f.path("id").asText()));
        for (JsonNode framework : sorted) {
            JsonNode used = framework.path("used_resources");
            table.row(Formats.text(framework.path("id")), Formats.text(framework.path("name")),
                    role(framework), Formats.bool(framework.path("active")),
                    Integer.toString(framework.path("tasks").size()),
                    Formats.scalar(used.path("cpus").asDouble(0)), Formats.scalar(used.path("mem").asDouble(0)));
        }
        return table.build();
    }

    /** {@code role}, else the {@code roles} of multi-role frameworks joined by commas, else "*". */
    public static String role(JsonNode framework) {
        if (framework.path("role").isTextual()) {
            return framework.get("role").asText();
        }
        List<String> roles = new ArrayList<>();
        framework.path("roles").forEach(r -> roles.add(r.asText()));
        return roles.isEmpty() ? "*" : String.join(",", roles);
    }
}
