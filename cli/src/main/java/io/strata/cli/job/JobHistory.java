package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Table;
import io.strata.cli.service.ServiceEndpoint;

/**
 * A job's history as the jobs API keeps it ({@code GET /v1/scheduler/job/NAME/runs}): counts, last outcomes, the
 * active attempts and the recent ones.
 */
final class JobHistory {
    private JobHistory() {
    }

    /** The history of {@code name}; an unknown job fails with the API's 404 message. */
    static JsonNode of(ServiceEndpoint api, String name) {
        return api.get("/v1/scheduler/job/" + JobsApi.encode(name) + "/runs");
    }

    /** {@code web-check: 12 successes, 1 error; last success ...; last error ...}. */
    static String summary(JsonNode job) {
        return job.path("name").asText() + ": " + job.path("successCount").asLong() + " successes, "
                + job.path("errorCount").asLong() + " errors, " + job.path("skippedCount").asLong()
                + " skipped; last success "
                + dash(job.path("lastSuccess").isNull() ? "" : job.path("lastSuccess").asText("")) + "; last error " + dash(job.path("lastError").isNull() ? "" : job.path("lastError").asText(""));
    }

    /** One row per attempt: active ones first, then the recent ones, as the API lists them. */
    static Table runs(JsonNode history) {
        Table.Builder table = Table.builder("DUE", "ATTEMPT", "CAUSE", "STATE", "LAUNCHED", "FINISHED", "EXIT", "TASK");
        for (JsonNode run : history.path("runs")) {
            table.row(dash(run.path("due").asText("")), run.path("attempt").asText("-"),
                    dash(run.path("cause").asText("")), dash(run.path("state").asText("")),
                    dash(run.path("launchedAt").isNull() ? "" : run.path("launchedAt").asText("")), dash(run.path("finishedAt").isNull() ? "" : run.path("finishedAt").asText("")),
                    run.path("exitStatus").isNull() || run.path("exitStatus").isMissingNode() ? "-"
                            : run.get("exitStatus").asText(),
                    dash(run.path("taskId").asText("")));
        }
        return table.build();
    }

    private static String dash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
