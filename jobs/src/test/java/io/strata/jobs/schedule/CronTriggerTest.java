package io.strata.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTriggerTest {

    @ParameterizedTest(name = "''{0}'' in {1} at {2}: last {3}, next {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "*/5 * * * *  | UTC           | 2030-01-01T00:07:30Z | 2030-01-01T00:05:00Z | 2030-01-01T00:10:00Z",
        "*/5 * * * *  | UTC           | 2030-01-01T00:10:00Z | 2030-01-01T00:10:00Z | 2030-01-01T00:15:00Z",
        "0 2 * * *    | UTC           | 2030-01-01T12:00:00Z | 2030-01-01T02:00:00Z | 2030-01-02T02:00:00Z",
        "0 2 * * *    | Europe/Berlin | 2030-01-01T12:00:00Z | 2030-01-01T01:00:00Z | 2030-01-02T01:00:00Z",
        "30 9 * * 1-5 | UTC           | 2030-01-05T12:00:00Z | 2030-01-04T09:30:00Z | 2030-01-07T09:30:00Z",
    })
    void lastAndNext_matchTheTable(String cron, String zone, String t, String last, String next) {
        CronTrigger trigger = new CronTrigger(cron, ZoneId.of(zone));
        Instant at = Instant.parse(t);

        assertThat(trigger.lastAtOrBefore(at)).isEqualTo(Optional.ofNullable(last).map(Instant::parse));
        assertThat(trigger.firstAfter(at)).isEqualTo(Optional.ofNullable(next).map(Instant::parse));
    }

    @Test
    void countBetween_everyMinute_countsSlotsStrictlyInside() {
        CronTrigger trigger = new CronTrigger("* * * * *", ZoneOffset.UTC);

        assertThat(trigger.countBetween(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:10:00Z"),
                1000)).isEqualTo(9);
    }

    @ParameterizedTest
    @CsvSource({"'* * *'", "'61 * * * *'", "'every minute'", "''"})
    void new_invalidExpression_isRefused(String cron) {
        assertThatThrownBy(() -> new CronTrigger(cron, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cron");
    }
}
