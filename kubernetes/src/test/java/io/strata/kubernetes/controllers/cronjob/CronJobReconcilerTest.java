package io.strata.kubernetes.controllers.cronjob;

import static io.strata.kubernetes.controllers.Fixtures.TYPES;
import static io.strata.kubernetes.controllers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronJobReconcilerTest {

    private static ObjectNode cronJob(String policy, boolean suspend, String deadline) {
        return json("{'metadata':{'name':'tick','namespace':'default','uid':'cj1','creationTimestamp':"
                + "'2026-01-01T00:00:30Z'},'spec':{'schedule':'*/5 * * * *','concurrencyPolicy':'" + policy
                + "','suspend':" + suspend + (deadline.isEmpty() ? "" : ",'startingDeadlineSeconds':" + deadline)
                + ",'jobTemplate':{'spec':{'template':{'spec':{}}}}}}");
    }

    private static final JsonNode RUNNING = json("{'metadata':{'name':'tick-1','uid':'j1','ownerReferences':"
            + "[{'uid':'cj1','controller':true,'kind':'CronJob','name':'tick'}]},'status':{'active':1}}");

    static Stream<Arguments> reconcile_policies() {
        return Stream.of(
                // policy, suspend, deadline, now, active job present, expected created job ("" none), deletes
                Arguments.of("Allow", false, "", "2026-01-01T00:04:59Z", false, "", 0),    // not due yet
                Arguments.of("Allow", false, "", "2026-01-01T00:05:10Z", false, "tick-29453765", 0),
                Arguments.of("Allow", false, "", "2026-01-01T00:05:10Z", true, "tick-29453765", 0),
                Arguments.of("Forbid", false, "", "2026-01-01T00:05:10Z", true, "", 0),
                Arguments.of("Replace", false, "", "2026-01-01T00:05:10Z", true, "tick-29453765", 1),
                Arguments.of("Allow", true, "", "2026-01-01T00:05:10Z", false, "", 0),     // suspended
                Arguments.of("Allow", false, "5", "2026-01-01T00:05:10Z", false, "", 0),   // missed the deadline
                Arguments.of("Allow", false, "60", "2026-01-01T00:05:10Z", false, "tick-29453765", 0));
    }

    @ParameterizedTest
    @MethodSource
    void reconcile_policies(String policy, boolean suspend, String deadline, String now, boolean active,
            String created, int deletes) {
        Plan plan = new CronJobReconciler(TYPES).reconcile(cronJob(policy, suspend, deadline),
                active ? List.of(RUNNING) : List.of(), Instant.parse(now));
        List<String> creates = plan.intents().stream().filter(i -> i instanceof Intent.Create)
                .map(i -> ((Intent.Create) i).body().path("metadata").path("name").asText()).toList();
        assertThat(creates).isEqualTo(created.isEmpty() ? List.of() : List.of(created));
        assertThat(plan.intents().stream().filter(i -> i instanceof Intent.Delete)).hasSize(deletes);
        if (!created.isEmpty()) {
            JsonNode status = ((Intent.Update) plan.intents().get(plan.intents().size() - 1)).object().path("status");
            assertThat(status.path("lastScheduleTime").asText()).isEqualTo("2026-01-01T00:05:00Z");
        }
    }
}
