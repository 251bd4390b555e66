package io.strata.jobs.schedule;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An ISO 8601 duration such as {@code P1DT12H} or {@code PT2S}: a calendar part (years, months, weeks, days) and a
 * time part (hours, minutes, seconds), kept apart so that {@code P1M} adds a calendar month and {@code PT1M} one
 * minute, as Chronos (Joda-Time) does.
 *
 * @param date the calendar part (may be zero)
 * @param time the time part (may be zero, never negative)
 */
public record IsoPeriod(Period date, Duration time) {
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double DAYS_PER_MONTH = 30.436_875;

    /** Validates that the period is positive. */
    public IsoPeriod {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(time, "time");
        if (date.isNegative() || time.isNegative() || (date.isZero() && time.isZero())) {
            throw new IllegalArgumentException("a period must be positive");
        }
    }

    /**
     * Parses {@code PnYnMnWnDTnHnMnS}; the {@code T} is required before the time part.
     *
     * @throws IllegalArgumentException with the reason when the text is not a positive ISO 8601 duration
     */
    public static IsoPeriod parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != 'P') {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 duration (it must start with P)");
        }
        int t = text.indexOf('T');
        String datePart = t < 0 ? text : text.substring(0, t);
        String timePart = t < 0 ? "" : text.substring(t + 1);
        if (t >= 0 && timePart.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has a T with no time after it");
        }
        try {
            Period date = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
            Duration time = timePart.isEmpty() ? Duration.ZERO : Duration.parse("PT" + timePart);
            return new IsoPeriod(date, time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 duration such as PT10M or P1D", e);
        }
    }

    /** The instant {@code k} periods after {@code start}: {@code start + k * date + k * time}. */
    public ZonedDateTime times(ZonedDateTime start, long k) {
        ZonedDateTime shifted = date.isZero() ? start : start.plus(date.multipliedBy(Math.toIntExact(k)));
        return time.isZero() ? shifted : shifted.plus(time.multipliedBy(k));
    }

    /** An estimate of the length in seconds (months of 30.44 days), used only to jump close to a slot index. */
    public double approximateSeconds() {
        double days = date.getYears() * 12 * DAYS_PER_MONTH + date.getMonths() * DAYS_PER_MONTH + date.getDays();
        return days * SECONDS_PER_DAY + time.toNanos() / 1e9;
    }

    /** The ISO 8601 text, e.g. {@code P1DT2H} or {@code PT2S}. */
    @Override
    public String toString() {
        String d = date.isZero() ? "P" : date.toString();
        return time.isZero() ? d : d + time.toString().substring(1);
    }
}
