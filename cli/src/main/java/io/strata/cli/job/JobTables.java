package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Table;
import java.util.ArrayList;
import java.util.List;

/** The table of {@code job list}, from Chronos job JSON. */
final class JobTables {
    private JobTables() {
    }

    /** One row per job: its schedule (or cron, or parents), counts and last outcomes. */
    static Table jobs(JsonNode jobs) {
        Table.Builder table = Table.builder("NAME", "SCHEDULE", "SUCCESS", "ERRORS", "LAST SUCCESS", "LAST ERROR",
                "DISABLED");
        for (JsonNode job : jobs) {
            table.row(job.path("name").asText(), schedule(job), job.path("successCount").asText("0"),
                    job.path("errorCount").asText("0"), blankAsDash(job.path("lastSuccess").asText("")),
                    blankAsDash(job.path("lastError").asText("")), job.path("disabled").asBoolean() ? "yes" : "no");
        }
        return table.build();
    }

    /** {@code schedule}, else {@code cron ...}, else {@code after a,b}. */
    static String schedule(JsonNode job) {
        if (!job.path("schedule").asText("").isEmpty()) {
            return job.get("schedule").asText();
        }
        if (!job.path("cron").asText("").isEmpty()) {
            return "cron " + job.get("cron").asText();
        }
        List<String> parents = new ArrayList<>();
        job.path("parents").forEach(p -> parents.add(p.asText()));
        return parents.isEmpty() ? "-" : "after " + String.join(",", parents);
    }

    private static String blankAsDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
