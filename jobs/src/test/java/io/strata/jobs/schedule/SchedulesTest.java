package io.strata.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulesTest {
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @ParameterizedTest(name = "{0} in ''{1}'' -> first {3}, second {4}")
    @CsvSource(delimiter = '|', value = {
        // schedule                              | zone           | repetitions | slot 0                | slot 1
        "R/2012-10-01T05:52:00Z/PT2S             |                | -1 | 2012-10-01T05:52:00Z | 2012-10-01T05:52:02Z",
        "R10/2012-10-01T05:52:00Z/PT10M          |                | 10 | 2012-10-01T05:52:00Z | 2012-10-01T06:02:00Z",
        "R/2012-10-01T05:52:00Z/P10M             |                | -1 | 2012-10-01T05:52:00Z | 2013-08-01T05:52:00Z",
        "R/2015-12-01T02:00:00Z/P1D              |                | -1 | 2015-12-01T02:00:00Z | 2015-12-02T02:00:00Z",
        "R/2015-12-01T02:00:00+02:00/PT1H        |                | -1 | 2015-12-01T00:00:00Z | 2015-12-01T01:00:00Z",
        // scheduleTimeZone keeps the local fields and replaces the zone (Joda withZoneRetainFields)
        "R/2015-12-01T02:00:00Z/P1D              | Europe/Berlin  | -1 | 2015-12-01T01:00:00Z | 2015-12-02T01:00:00Z",
        "R/2015-12-01T02:00:00/P1DT12H           |                | -1 | 2015-12-01T02:00:00Z | 2015-12-02T14:00:00Z",
        // an empty start is now
        "R5//PT1M                                |                | 5  | 2030-06-01T12:00:00Z | 2030-06-01T12:01:00Z",
        "R/2015-01-01T00:00:00Z/P1W              | UTC            | -1 | 2015-01-01T00:00:00Z | 2015-01-08T00:00:00Z",
    })
    void parse_validSchedule_givesSlots(String schedule, String zone, long repetitions, String first,
                                        String second) {
        IsoTrigger trigger = Schedules.parse(schedule, zone, NOW);

        assertThat(trigger.repetitions()).isEqualTo(repetitions);
        assertThat(trigger.slot(0)).isEqualTo(Instant.parse(first));
        assertThat(trigger.slot(1)).isEqualTo(Instant.parse(second));
    }

    @ParameterizedTest(name = "''{0}'' is refused mentioning ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "2012-10-01T05:52:00Z/PT2S        | R[n]/",
        "R/2012-10-01T05:52:00Z/10M       | period",
        "R/2012-10-01T05:52:00Z/P         | period",
        "R/2012-10-01T05:52:00Z/PT0S      | positive",
        "R/yesterday/PT1H                 | start",
        "Rx/2012-10-01T05:52:00Z/PT1H     | R[n]/",
        "R/2012-10-01T05:52:00Z/PT1H/x    | R[n]/",
    })
    void parse_invalidSchedule_namesThePart(String schedule, String expected) {
        assertThatThrownBy(() -> Schedules.parse(schedule, "", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @ParameterizedTest
    @CsvSource({"Mars/Olympus", "UTC+99"})
    void zone_unknown_isRefused(String zone) {
        assertThatThrownBy(() -> Schedules.zone(zone)).hasMessageContaining("is not a time zone");
    }
}
