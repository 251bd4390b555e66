package io.strata.jobs.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Chronos schedules {@code R[n]/[start]/period} into {@link IsoTrigger}s.
 *
 * <p>Rules (Chronos 2.4 {@code Iso8601Expressions}): {@code R} alone repeats forever, {@code Rn} n times; an
 * empty start means {@code now}; a start without an offset is UTC; a non-empty {@code scheduleTimeZone} keeps the
 * start's local date and time but moves it into that zone (Joda's {@code withZoneRetainFields}), and calendar
 * periods are added in that zone.
 */
public final class Schedules {
    private static final Pattern SCHEDULE = Pattern.compile("R(\\d*)/([^/]*)/([^/]+)");

    private Schedules() {
    }

    /**
     * Parses a schedule.
     *
     * @param schedule the text, e.g. {@code R/2012-10-01T05:52:00Z/PT2S}
     * @param timeZone a tz database name, or null/empty
     * @param now the start used when the schedule's start is empty
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static IsoTrigger parse(String schedule, String timeZone, Instant now) {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("the schedule is empty");
        }
        Matcher m = SCHEDULE.matcher(schedule.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + schedule + "' is not of the form R[n]/<ISO 8601 start>/<ISO 8601 "
                    + "duration>, e.g. R/2030-01-01T00:00:00Z/PT1H");
        }
        long repetitions;
        try {
            repetitions = m.group(1).isEmpty() ? IsoTrigger.FOREVER : Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the repetition count in '" + schedule + "' is too large", e);
        }
        ZoneId zone = zone(timeZone);
        ZonedDateTime start = start(m.group(2), zone, explicit(timeZone), now);
        IsoPeriod period;
        try {
            period = IsoPeriod.parse(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the period of '" + schedule + "': " + e.getMessage(), e);
        }
        return new IsoTrigger(repetitions, start, period);
    }

    /**
     * The zone for a {@code scheduleTimeZone} value; null or empty is UTC.
     *
     * @throws IllegalArgumentException for an unknown zone
     */
    public static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + timeZone + "' is not a time zone (use a tz database name such as "
                    + "Europe/Berlin)", e);
        }
    }

    /** Whether {@code timeZone} names a zone explicitly (it then overrides the start's own offset). */
    private static boolean explicit(String timeZone) {
        return timeZone != null && !timeZone.isBlank();
    }

    private static ZonedDateTime start(String text, ZoneId zone, boolean explicitZone, Instant now) {
        if (text.isEmpty()) {
            return now.atZone(zone);
        }
        try {
            OffsetDateTime withOffset = OffsetDateTime.parse(text);
            return !explicitZone ? withOffset.toZonedDateTime()
                    : withOffset.toLocalDateTime().atZone(zone);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(zone);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("the start '" + text + "' is not an ISO 8601 date-time such as "
                        + "2030-01-01T00:00:00Z", again);
            }
        }
    }
}
