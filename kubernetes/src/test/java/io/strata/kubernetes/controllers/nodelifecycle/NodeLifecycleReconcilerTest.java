package io.strata.kubernetes.controllers.nodelifecycle;

import static io.strata.kubernetes.controllers.Fixtures.TYPES;
import static io.strata.kubernetes.controllers.Fixtures.json;
import static io.strata.kubernetes.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.kubernetes.controllers.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeLifecycleReconcilerTest {

    @ParameterizedTest
    @CsvSource({
            "True, 2026-01-01T01:00:00Z, 0, false",
            "False, 2026-01-01T00:58:00Z, 0, true",   // not ready for 2 of 5 minutes: look again later
            "False, 2026-01-01T00:55:00Z, 1, false",  // exactly the timeout: evict
            "Unknown, 2026-01-01T00:00:00Z, 1, false",
            "'', 2026-01-01T00:00:00Z, 0, false"})    // no Ready condition yet
    void reconcile_readyCondition_evictsAfterTimeout(String status, String since, int deletes, boolean later) {
        String conditions = status.isEmpty() ? "[]" : "[{'type':'Ready','status':'" + status
                + "','lastTransitionTime':'" + since + "'}]";
        Plan plan = new NodeLifecycleReconciler(TYPES, Duration.ofMinutes(5)).reconcile(
                json("{'metadata':{'name':'n1'},'status':{'conditions':" + conditions + "}}"),
                List.of(pod("p", "", "Running", true, "n1", "2026-01-01T00:00:00Z")),
                Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(plan.intents()).hasSize(deletes);
        assertThat(plan.requeueAfter().isPresent()).isEqualTo(later);
    }
}
