package io.strata.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoTriggerTest {
    private static final Instant NOW = Instant.EPOCH;

    @ParameterizedTest(name = "{0} at {1}: last {2}, next {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // schedule                           | t                    | last at or before    | first after
        "R/2030-01-01T00:00:00Z/PT2S          | 2029-12-31T23:59:59Z | -                    | 2030-01-01T00:00:00Z",
        "R/2030-01-01T00:00:00Z/PT2S          | 2030-01-01T00:00:00Z | 2030-01-01T00:00:00Z | 2030-01-01T00:00:02Z",
        "R/2030-01-01T00:00:00Z/PT2S          | 2030-01-01T00:00:03Z | 2030-01-01T00:00:02Z | 2030-01-01T00:00:04Z",
        "R3/2030-01-01T00:00:00Z/PT2S         | 2030-01-01T00:01:00Z | 2030-01-01T00:00:04Z | -",
        "R0/2030-01-01T00:00:00Z/PT2S         | 2030-01-01T00:01:00Z | -                    | -",
        // calendar months are added to the start: Jan 31 -> Feb 28 -> Mar 31
        "R/2030-01-31T10:00:00Z/P1M           | 2030-03-01T00:00:00Z | 2030-02-28T10:00:00Z | 2030-03-31T10:00:00Z",
        // a daily job in Berlin keeps 12:00 local across the DST change on 2030-03-31 (11:00Z, then 10:00Z)
        "R/2030-03-30T12:00:00Z/P1D           | 2030-03-31T12:00:00Z | 2030-03-31T10:00:00Z | 2030-04-01T10:00:00Z",
    })
    void lastAndNext_matchTheTable(String schedule, String t, String last, String next) {
        String zone = schedule.startsWith("R/2030-03-30") ? "Europe/Berlin" : "";
        IsoTrigger trigger = Schedules.parse(schedule, zone, NOW);
        Instant at = Instant.parse(t);

        assertThat(trigger.lastAtOrBefore(at)).isEqualTo(Optional.ofNullable(last).map(Instant::parse));
        assertThat(trigger.firstAfter(at)).isEqualTo(Optional.ofNullable(next).map(Instant::parse));
    }

    @Test
    void countBetween_fixedPeriod_countsSlotsStrictlyInside() {
        IsoTrigger trigger = Schedules.parse("R/2030-01-01T00:00:00Z/PT1M", "", NOW);

        long n = trigger.countBetween(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T01:00:00Z"),
                Long.MAX_VALUE);

        assertThat(n).isEqualTo(59); // 00:01 .. 00:59
    }

    @Test
    void indexAtOrBefore_randomTimes_agreesWithSlots() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        IsoTrigger trigger = Schedules.parse("R/2020-01-31T03:00:00Z/P1M3DT7H", "America/New_York", NOW);
        for (int i = 0; i < 500; i++) {
            Instant t = Instant.parse("2020-01-31T08:00:00Z").plusSeconds(random.nextLong(400L * 86_400 * 30));
            long k = trigger.indexAtOrBefore(t);

            assertThat(trigger.slot(k)).as("seed %d, t %s", seed, t).isBeforeOrEqualTo(t);
            assertThat(trigger.slot(k + 1)).as("seed %d, t %s", seed, t).isAfter(t);
        }
    }
}
