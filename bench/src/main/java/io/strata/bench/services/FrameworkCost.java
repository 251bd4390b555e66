package io.strata.bench.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Formats the services framework's {@code GET /metrics} timers as a Markdown table (milliseconds). */
final class FrameworkCost {
    private FrameworkCost() {
    }

    /** One row per timer: count, p50, p99, max and total engine time, in milliseconds. */
    static String table(String metricsJson) throws IOException {
        JsonNode timers = Json.camel().readTree(metricsJson).get("timers");
        StringBuilder out = new StringBuilder("| timer | count | p50 ms | p99 ms | max ms | total ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = timers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> timer = it.next();
            JsonNode t = timer.getValue();
            out.append(String.format("| %s | %d | %.2f | %.2f | %.2f | %.0f |%n",
                    timer.getKey().replace("strata.services.", ""), t.get("count").asLong(),
                    t.get("p50").asDouble() * 1e3, t.get("p99").asDouble() * 1e3, t.get("max").asDouble() * 1e3,
                    t.get("mean").asDouble() * 1e3 * t.get("count").asLong()));
        }
        return out.toString();
    }
}
