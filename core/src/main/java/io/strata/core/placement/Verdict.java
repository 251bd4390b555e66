package io.strata.core.placement;

import java.util.Objects;

/** The outcome of one {@link PlacementFilter} for one candidate: it {@link Fits} or is {@link Rejected}. */
public sealed interface Verdict permits Verdict.Fits, Verdict.Rejected {

    /** The single "fits" verdict. */
    Verdict FITS = new Fits();

    /** Returns a rejection with {@code reason}, one of the filters' reason constants. */
    static Verdict rejected(String reason) {
        return new Rejected(reason);
    }

    /** The candidate passes the filter. */
    record Fits() implements Verdict {
    }

    /**
     * The candidate fails the filter.
     *
     * @param reason a short, stable text such as "Insufficient cpus", counted per reason in the plan
     */
    record Rejected(String reason) implements Verdict {

        /** Validates the reason is non-blank. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }
    }
}
