package io.strata.jobs.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A Chronos ISO 8601 repeating interval {@code R[n]/start/period}: slot {@code k} is {@code start + k * period}
 * for {@code 0 <= k < repetitions}, or for every {@code k >= 0} when {@code repetitions} is {@link #FOREVER}.
 *
 * <p>Slot {@code k} is computed from the start, not from slot {@code k-1}, so a monthly job started on the
 * 31st falls on the last day of short months and returns to the 31st afterwards.
 *
 * @param repetitions how many slots there are, or {@link #FOREVER}
 * @param start the first slot, in the zone calendar periods are added in
 * @param period the distance between slots
 */
public record IsoTrigger(long repetitions, ZonedDateTime start, IsoPeriod period) implements Trigger {
    /** The repetition count of {@code R} without a number. */
    public static final long FOREVER = -1;

    /** Validates the fields. */
    public IsoTrigger {
        if (repetitions < FOREVER) {
            throw new IllegalArgumentException("repetitions must be >= 0 or FOREVER, not " + repetitions);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(period, "period");
    }

    /** Slot {@code k}. */
    public Instant slot(long k) {
        return period.times(start, k).toInstant();
    }

    @Override
    public Optional<Instant> lastAtOrBefore(Instant t) {
        long k = indexAtOrBefore(t);
        if (repetitions != FOREVER) {
            k = Math.min(k, repetitions - 1);
        }
        return k < 0 ? Optional.empty() : Optional.of(slot(k));
    }

    @Override
    public Optional<Instant> firstAfter(Instant t) {
        long k = indexAtOrBefore(t) + 1;
        return repetitions != FOREVER && k >= repetitions ? Optional.empty() : Optional.of(slot(k));
    }

    @Override
    public long countBetween(Instant after, Instant before, long cap) {
        long first = indexAtOrBefore(after) + 1;
        long last = indexAtOrBefore(before.minusNanos(1));
        if (repetitions != FOREVER) {
            last = Math.min(last, repetitions - 1);
        }
        return Math.min(cap, Math.max(0, last - first + 1));
    }

    /** The index of the last slot at or before {@code t} ignoring the repetition limit; -1 before the start. */
    long indexAtOrBefore(Instant t) {
        Instant first = start.toInstant();
        if (t.isBefore(first)) {
            return -1;
        }
        double elapsed = (t.getEpochSecond() - first.getEpochSecond()) + (t.getNano() - first.getNano()) / 1e9;
        long k = Math.max(0, (long) Math.floor(elapsed / period.approximateSeconds()));
        // the estimate is exact for fixed periods and within a few slots for calendar ones
        while (k > 0 && slot(k).isAfter(t)) {
            k--;
        }
        while (!slot(k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }

    /** The schedule text {@code R[n]/start/period} with the start in ISO offset form. */
    @Override
    public String toString() {
        String r = repetitions == FOREVER ? "R" : "R" + repetitions;
        return r + "/" + start.toOffsetDateTime() + "/" + period;
    }
}
