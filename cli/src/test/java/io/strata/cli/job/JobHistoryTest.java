package io.strata.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobHistoryTest {
    private static final String HISTORY = ("{'name':'backup','successCount':2,'errorCount':1,'skippedCount':0,"
            + "'lastSuccess':'2026-11-29T06:00:04Z','lastError':null,'runs':["
            + "{'taskId':'ct:1:0:backup','attempt':0,'cause':'SCHEDULE','state':'RUNNING','due':'2026-11-29T06:00:06Z',"
            + "'launchedAt':'2026-11-29T06:00:06Z','finishedAt':null,'exitStatus':null},"
            + "{'taskId':'ct:2:1:backup','attempt':1,'cause':'RETRY','state':'FAILED','due':'2026-11-29T06:00:02Z',"
            + "'launchedAt':'2026-11-29T06:00:02Z','finishedAt':'2026-11-29T06:00:03Z','exitStatus':3}]}")
            .replace('\'', '"');

    @Test
    void summary_countsAndNullLastError_printsDash() throws Exception {
        JsonNode history = Json.mesos().readTree(HISTORY);

        assertThat(JobHistory.summary(history)).isEqualTo(
                "backup: 2 successes, 1 errors, 0 skipped; last success 2026-11-29T06:00:04Z; last error -");
    }

    @Test
    void runs_activeAndFinishedAttempts_oneRowEachWithExitStatus() throws Exception {
        JsonNode history = Json.mesos().readTree(HISTORY);

        assertThat(JobHistory.runs(history).rows()).containsExactly(
                List.of("2026-11-29T06:00:06Z", "0", "SCHEDULE", "RUNNING", "2026-11-29T06:00:06Z", "-", "-",
                        "ct:1:0:backup"),
                List.of("2026-11-29T06:00:02Z", "1", "RETRY", "FAILED", "2026-11-29T06:00:02Z",
                        "2026-11-29T06:00:03Z", "3", "ct:2:1:backup"));
    }
}
