package io.strata.dashboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsSamplerTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(1_000));

    @Test
    void sampleOnce_leaderSnapshot_storesAndTellsListener() throws Exception {
        JsonNode snapshot = Json.mesos().readTree("{\"master/cpus_total\":2,\"master/cpus_used\":1}");
        HistoryRing ring = new HistoryRing(5);
        List<AllocationSample> heard = new ArrayList<>();
        MetricsSampler sampler = new MetricsSampler(() -> snapshot, ring, CLOCK, Duration.ofSeconds(1), heard::add);
        assertThat(sampler.sampleOnce()).isPresent();
        assertThat(ring.snapshot()).hasSize(1).first().extracting(AllocationSample::epochMillis).isEqualTo(1_000L);
        assertThat(heard).isEqualTo(ring.snapshot());
    }

    @Test
    void sampleOnce_sourceFails_storesNothing() {
        HistoryRing ring = new HistoryRing(5);
        List<AllocationSample> heard = new ArrayList<>();
        MetricsSampler sampler = new MetricsSampler(() -> {
            throw new IllegalStateException("master down");
        }, ring, CLOCK, Duration.ofSeconds(1), heard::add);
        assertThat(sampler.sampleOnce()).isEmpty();
        assertThat(ring.snapshot()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void constructor_tooShortInterval_isRejected() {
        assertThatThrownBy(() -> new MetricsSampler(() -> null, new HistoryRing(1), CLOCK, Duration.ofMillis(10),
                s -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    }
}
