package io.strata.dashboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllocationSampleTest {
    private static JsonNode json(String text) throws Exception {
        return Json.mesos().readTree(text);
    }

    private static AllocationSample counts(long starting, long running, long finished, long failed, long lost,
                                           long error) {
        return new AllocationSample(0, 0, 0, 0, 0, 0, starting, running, finished, failed, 0, lost, error, 0, -1);
    }

    @Test
    void fromSnapshot_leader_readsAllocationAndCounters() throws Exception {
        JsonNode snapshot = json("""
                {"master/elected":1,"master/cpus_used":1.5,"master/cpus_total":4,"master/mem_used":512,
                 "master/mem_total":2048,"master/tasks_running":3,"master/tasks_failed":1,"master/tasks_lost":2,
                 "master/slaves_active":2}""");
        AllocationSample s = AllocationSample.fromSnapshot(42, snapshot).orElseThrow();
        assertThat(s.epochMillis()).isEqualTo(42);
        assertThat(s.cpusUsed()).isEqualTo(1.5);
        assertThat(s.cpusTotal()).isEqualTo(4);
        assertThat(s.memUsed()).isEqualTo(512);
        assertThat(s.memTotal()).isEqualTo(2048);
        assertThat(s.tasksRunning()).isEqualTo(3);
        assertThat(s.tasksFailed()).isEqualTo(1);
        assertThat(s.tasksLost()).isEqualTo(2);
        assertThat(s.tasksFinished()).isZero();
        assertThat(s.agentsActive()).isEqualTo(2);
        assertThat(s.failureRatePercent()).isEqualTo(-1);
    }

    @Test
    void fromSnapshot_nonLeader_isEmpty() throws Exception {
        assertThat(AllocationSample.fromSnapshot(1, json("{\"master/elected\":0,\"system/cpus_total\":2}")))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case, before (starting,running,finished,failed,lost,error), after, expected rate
        "'nothing changed', 0,1,0,0,0,0, 0,1,0,0,0,0, -1",
        "'only successes', 0,1,0,0,0,0, 1,3,2,0,0,0, 0",
        "'only failures', 0,1,0,0,0,0, 0,1,0,2,1,1, 100",
        "'one in three floors to 33', 0,0,0,0,0,0, 0,2,0,1,0,0, 33",
        "'counters went down (new leader)', 0,5,5,5,0,0, 0,1,0,0,0,0, -1",
        "'failed down, running up', 0,1,0,4,0,0, 0,3,0,1,0,0, 0",
    })
    void withFailureRateSince_cases(String name, long s0, long r0, long f0, long x0, long l0, long e0,
                                    long s1, long r1, long f1, long x1, long l1, long e1, int expected) {
        AllocationSample before = counts(s0, r0, f0, x0, l0, e0);
        AllocationSample after = counts(s1, r1, f1, x1, l1, e1).withFailureRateSince(before);
        assertThat(after.failureRatePercent()).isEqualTo(expected);
    }

    @Test
    void constructor_negativeAllocation_isRejected() {
        assertThatThrownBy(() -> new AllocationSample(0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allocation");
    }

    @Test
    void constructor_rateAbove100_isRejected() {
        assertThatThrownBy(() -> new AllocationSample(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRatePercent");
    }
}
