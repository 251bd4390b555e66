package io.strata.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTablesTest {
    private static JsonNode json(String text) throws Exception {
        return Json.mesos().readTree(text.replace('\'', '"'));
    }

    @Test
    void jobs_scheduledCronAndDependent_showTheirSchedules() throws Exception {
        List<JsonNode> jobs = List.of(
                json("{'name':'a','schedule':'R/2026-01-01T00:00:00Z/PT2S','successCount':3,'errorCount':1,"
                        + "'lastSuccess':'2026-01-01T00:00:04Z','lastError':'','disabled':false}"),
                json("{'name':'b','schedule':'','cron':'*/5 * * * *'}"),
                json("{'name':'c','parents':['a','b'],'disabled':true}"));

        assertThat(JobTables.jobs(Json.mesos().valueToTree(jobs)).rows()).containsExactly(
                List.of("a", "R/2026-01-01T00:00:00Z/PT2S", "3", "1", "2026-01-01T00:00:04Z", "-", "no"),
                List.of("b", "cron */5 * * * *", "0", "0", "-", "-", "no"),
                List.of("c", "after a,b", "0", "0", "-", "-", "yes"));
    }
}
