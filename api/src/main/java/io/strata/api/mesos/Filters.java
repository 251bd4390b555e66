package io.strata.api.mesos;

/** Offer filters: refuse the declined resources on that agent for {@code refuse_seconds} (default 5). */
public record Filters(Double refuseSeconds) {
    /** Mesos' default refusal time. */
    public static final double DEFAULT_REFUSE_SECONDS = 5.0;

    /** The refusal time, applying the default. */
    public double refuseSecondsOrDefault() {
        return refuseSeconds == null ? DEFAULT_REFUSE_SECONDS : refuseSeconds;
    }
}
