package io.strata.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulePlannerTest {
    /** Slots every minute from 12:00. */
    private static final Trigger EVERY_MINUTE =
            Schedules.parse("R/2030-01-01T12:00:00Z/PT1M", "", Instant.EPOCH);
    private static final Trigger THREE_TIMES =
            Schedules.parse("R3/2030-01-01T12:00:00Z/PT1M", "", Instant.EPOCH);

    @ParameterizedTest(name = "[{index}] cursor {0}, now {1}, mayStart {2}: run {3}, skipped {4}, cursor {5}, next {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // cursor  | now       | may | run      | skipped | new cursor | next
        // a new job before its start: nothing yet
        "-         | 11:59:00  | true  | -        | 0 | -        | 12:00:00",
        // a new job at its first slot runs it
        "-         | 12:00:00  | true  | 12:00:00 | 0 | 12:00:00 | 12:01:00",
        // a new job created long after its start: the past is skipped forward silently; the latest slot is
        // within epsilon (30 s late) and runs
        "-         | 12:10:30  | true  | 12:10:00 | 0 | 12:10:00 | 12:11:00",
        // due slot, on time
        "12:00:00  | 12:01:00  | true  | 12:01:00 | 0 | 12:01:00 | 12:02:00",
        // called again for the same slot: nothing (never two runs for one slot)
        "12:01:00  | 12:01:00  | true  | -        | 0 | 12:01:00 | 12:02:00",
        "12:01:00  | 12:01:30  | true  | -        | 0 | 12:01:00 | 12:02:00",
        // down from 12:01 to 12:05:30: 12:02..12:04 missed and counted, 12:05 is 30 s late (< epsilon 60 s): runs
        "12:01:00  | 12:05:30  | true  | 12:05:00 | 3 | 12:05:00 | 12:06:00",
        // 12:05 is 90 s late (> epsilon): it is skipped too
        "12:01:00  | 12:06:30  | true  | 12:06:00 | 4 | 12:06:00 | 12:07:00",
        "12:01:00  | 12:05:59.5 | true | 12:05:00 | 3 | 12:05:00 | 12:06:00",
        // previous run still active and concurrency forbidden: the slot is skipped and counted
        "12:00:00  | 12:01:00  | false | -        | 1 | 12:01:00 | 12:02:00",
        // R3: after the third slot there is no next one
        "12:01:00  | 12:02:00  | true  | 12:02:00 | 0 | 12:02:00 | -",
    })
    void plan_matchesTheTable(String cursor, String now, boolean mayStart, String run, long skipped,
                              String newCursor, String next) {
        Trigger trigger = next == null ? THREE_TIMES : EVERY_MINUTE;

        Plan plan = SchedulePlanner.plan(trigger, Duration.ofSeconds(60), at(cursor), mayStart, at(now));

        assertThat(plan.run()).isEqualTo(Optional.ofNullable(at(run)));
        assertThat(plan.skipped()).isEqualTo(skipped);
        assertThat(plan.cursor()).isEqualTo(at(newCursor));
        assertThat(plan.next()).isEqualTo(Optional.ofNullable(at(next)));
    }

    private static Instant at(String time) {
        return time == null ? null : Instant.parse("2030-01-01T" + time + "Z");
    }
}
