package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Table;
import io.strata.cli.service.ServiceEndpoint;

/** A job's history as the jobs API keeps it: counts and last outcomes in the job, plus its recent runs. */
final class JobHistory {
    private JobHistory() {
    }

    /** The job JSON of {@code name} (its counts, last outcomes and recent runs). */
    static JsonNode of(ServiceEndpoint api, String name) {
        return JobsApi.find(api, name);
    }

    /** {@code web-check: 12 successes, 1 error; last success ...; last error ...}. */
    static String summary(JsonNode job) {
        return job.path("name").asText() + ": " + job.path("successCount").asLong() + " successes, "
                + job.path("errorCount").asLong() + " errors; last success "
                + dash(job.path("lastSuccess").asText("")) + "; last error " + dash(job.path("lastError").asText(""));
    }

    /** One row per recent run (newest first as the API lists them). */
    static Table runs(JsonNode job) {
        Table.Builder table = Table.builder("STARTED", "FINISHED", "STATUS", "EXIT", "TASK");
        for (JsonNode run : job.path("recentRuns")) {
            table.row(dash(run.path("started").asText("")), dash(run.path("finished").asText("")),
                    dash(run.path("status").asText("")), dash(run.path("exitStatus").asText("")),
                    dash(run.path("taskId").asText("")));
        }
        return table.build();
    }

    private static String dash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
