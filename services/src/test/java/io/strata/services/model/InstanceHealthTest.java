package io.strata.services.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-29T07:00:00Z");

    private static Instance running() {
        return new Instance("web.1", PathId.parse("/web"), T0, T0, "a1", "h1", List.of(31000L, 31001L), List.of(),
                Condition.RUNNING, T0, T0, null, null, 0, null, null, null, List.of(), null);
    }

    @Test
    void withProbe_onlyFirstOfTwoChecksPassed_verdictUnknown() {
        Instance one = running().withProbe(0, 2, true, T0.plusSeconds(1), null);

        assertThat(one.healthy()).isNull();
        assertThat(one.healthResults()).hasSize(1);
    }

    @Test
    void withProbe_bothChecksPassed_healthyWithOneResultEach() {
        Instance both = running().withProbe(1, 2, true, T0.plusSeconds(1), null)
                .withProbe(0, 2, true, T0.plusSeconds(2), null);

        assertThat(both.healthy()).isTrue();
        assertThat(both.healthResults()).extracting(HealthResult::index).containsExactly(0, 1);
        assertThat(both.healthResults().get(1).firstSuccess()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void withProbe_secondCheckFails_unhealthyAndCountsThatChecksFailures() {
        Instance failing = running().withProbe(0, 2, true, T0.plusSeconds(1), null)
                .withProbe(1, 2, false, T0.plusSeconds(2), "HTTP 500")
                .withProbe(1, 2, false, T0.plusSeconds(3), "HTTP 500")
                .withProbe(0, 2, true, T0.plusSeconds(4), null);

        assertThat(failing.healthy()).isFalse();
        assertThat(failing.consecutiveFailures()).isEqualTo(2);
        assertThat(failing.healthResults().get(0).consecutiveFailures()).isZero();
        assertThat(failing.healthResults().get(1).lastFailureCause()).isEqualTo("HTTP 500");
    }

    @Test
    void withProbe_failingCheckPassesAgain_failuresReset() {
        Instance recovered = running().withProbe(0, 1, false, T0.plusSeconds(1), "refused")
                .withProbe(0, 1, true, T0.plusSeconds(2), null);

        assertThat(recovered.healthy()).isTrue();
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.healthResults().get(0).lastFailure()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void withoutHealth_probedInstance_unknownAgain() {
        Instance reset = running().withProbe(0, 1, true, T0.plusSeconds(1), null).withoutHealth();

        assertThat(reset.healthy()).isNull();
        assertThat(reset.healthResults()).isEmpty();
        assertThat(reset.consecutiveFailures()).isZero();
    }
}
