package io.strata.dashboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryRingTest {
    private static AllocationSample at(long millis) {
        return sample(millis, 0, 0, 0);
    }

    private static AllocationSample sample(long millis, long running, long finished, long failed) {
        return new AllocationSample(millis, 1, 4, 256, 1024, 0, 0, running, finished, failed, 0, 0, 0, 1, -1);
    }

    @Test
    void snapshot_empty_isEmpty() {
        assertThat(new HistoryRing(3).snapshot()).isEmpty();
    }

    @Test
    void add_belowCapacity_keepsAllOldestFirst() {
        HistoryRing ring = new HistoryRing(3);
        ring.add(at(1));
        ring.add(at(2));
        assertThat(ring.snapshot()).extracting(AllocationSample::epochMillis).containsExactly(1L, 2L);
    }

    @Test
    void add_pastCapacity_dropsOldest() {
        HistoryRing ring = new HistoryRing(3);
        for (long t = 1; t <= 7; t++) {
            ring.add(at(t));
        }
        assertThat(ring.snapshot()).extracting(AllocationSample::epochMillis).containsExactly(5L, 6L, 7L);
        assertThat(ring.capacity()).isEqualTo(3);
    }

    @Test
    void add_capacityOne_keepsNewestOnly() {
        HistoryRing ring = new HistoryRing(1);
        ring.add(at(1));
        ring.add(at(2));
        assertThat(ring.snapshot()).extracting(AllocationSample::epochMillis).containsExactly(2L);
    }

    @Test
    void add_firstSample_hasNoFailureRate() {
        HistoryRing ring = new HistoryRing(4);
        assertThat(ring.add(sample(1, 3, 0, 1)).failureRatePercent()).isEqualTo(-1);
    }

    @Test
    void add_afterAnother_computesFailureRateAgainstIt() {
        HistoryRing ring = new HistoryRing(4);
        ring.add(sample(1, 4, 0, 1));
        // failed 1 -> 3 (+2), running 4 -> 10 (+6): 2 / (2 + 6) = 25 %
        AllocationSample stored = ring.add(sample(2, 10, 0, 3));
        assertThat(stored.failureRatePercent()).isEqualTo(25);
        assertThat(ring.snapshot().get(1)).isEqualTo(stored);
    }

    @Test
    void add_whenFull_ratesAgainstNewestNotOldest() {
        HistoryRing ring = new HistoryRing(2);
        ring.add(sample(1, 0, 0, 0));
        ring.add(sample(2, 1, 0, 0));
        // against t=2: failed +1, successful +0 -> 100 %; against t=1 it would be 50 %
        AllocationSample stored = ring.add(sample(3, 1, 0, 1));
        assertThat(stored.failureRatePercent()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001})
    void constructor_badCapacity_isRejected(int capacity) {
        assertThatThrownBy(() -> new HistoryRing(capacity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }

    @Test
    void snapshot_isACopy() {
        HistoryRing ring = new HistoryRing(2);
        ring.add(at(1));
        List<AllocationSample> before = ring.snapshot();
        ring.add(at(2));
        assertThat(before).hasSize(1);
    }
}
