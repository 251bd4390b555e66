package io.strata.kubernetes.controllers.job;

import static io.strata.kubernetes.controllers.Fixtures.TYPES;
import static io.strata.kubernetes.controllers.Fixtures.json;
import static io.strata.kubernetes.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobReconcilerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");

    private static ObjectNode job(int parallelism, int completions, int backoff) {
        return json("{'metadata':{'name':'pi','namespace':'default','uid':'rs1'},'spec':{'parallelism':" + parallelism
                + ",'completions':" + completions + ",'backoffLimit':" + backoff + ",'template':{'spec':{}}}}");
    }

    private static List<JsonNode> pods(int running, int succeeded, int failed) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < running; i++) {
            out.add(pod("r" + i, "rs1", "Running", true, "n", "2026-01-01T00:00:00Z"));
        }
        for (int i = 0; i < succeeded; i++) {
            out.add(pod("s" + i, "rs1", "Succeeded", false, "n", "2026-01-01T00:00:00Z"));
        }
        for (int i = 0; i < failed; i++) {
            out.add(pod("f" + i, "rs1", "Failed", false, "n", "2026-01-01T00:00:00Z"));
        }
        return out;
    }

    static Stream<Arguments> reconcile_counts_createsAndConditions() {
        return Stream.of(
                // parallelism, completions, backoff, running, succeeded, failed, creates, condition, active
                Arguments.of(2, 3, 6, 0, 0, 0, 2, "", 0),
                Arguments.of(2, 3, 6, 1, 1, 0, 1, "", 1),        // only one more needed beyond the running one
                Arguments.of(2, 3, 6, 0, 3, 0, 0, "Complete", 0),
                Arguments.of(1, 1, 1, 0, 0, 1, 1, "", 0),        // one failure within the limit: retry
                Arguments.of(1, 1, 1, 0, 0, 2, 0, "Failed", 0)); // beyond the limit: BackoffLimitExceeded
    }

    @ParameterizedTest
    @MethodSource
    void reconcile_counts_createsAndConditions(int parallelism, int completions, int backoff, int running,
            int succeeded, int failed, int creates, String condition, int active) {
        Plan plan = new JobReconciler(TYPES).reconcile(job(parallelism, completions, backoff),
                pods(running, succeeded, failed), NOW);
        assertThat(plan.intents().stream().filter(i -> i instanceof Intent.Create)).hasSize(creates);
        JsonNode status = ((Intent.Update) plan.intents().get(plan.intents().size() - 1)).object().path("status");
        assertThat(status.path("startTime").asText()).isEqualTo("2026-01-01T01:00:00Z");
        assertThat(status.path("succeeded").asInt()).isEqualTo(succeeded);
        assertThat(status.path("failed").asInt()).isEqualTo(failed);
        assertThat(status.path("active").asInt()).isEqualTo(active);
        if (condition.isEmpty()) {
            assertThat(status.has("conditions")).isFalse();
        } else {
            JsonNode last = status.path("conditions").get(status.path("conditions").size() - 1);
            assertThat(last.path("type").asText()).isEqualTo(condition);
            assertThat(last.path("reason").asText()).isEqualTo(condition.equals("Failed") ? "BackoffLimitExceeded"
                    : "CompletionsReached");
        }
        if (condition.equals("Complete")) {
            assertThat(status.path("completionTime").asText()).isEqualTo("2026-01-01T01:00:00Z");
        }
    }
}
