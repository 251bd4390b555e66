package io.strata.agent.health;

import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import java.util.Objects;

/**
 * The pure state machine of one general check: which result was last reported and how many consecutive results of
 * the other outcome are pending. Immutable and clock-free.
 *
 * <p>Rules: the first failure is reported at once (there is no success to lose), the first success after
 * {@code successThreshold} successes in a row; a reported success turns into a failure after
 * {@code failureThreshold} failures in a row, a reported failure into a success after {@code successThreshold}
 * successes in a row; a result of the same outcome but another value (exit 1 then 2, HTTP 200 then 204) is reported
 * at once. With both thresholds 1 every change of the result is reported (Mesos).
 *
 * @param reported the last reported status (an empty result of the check's kind at first)
 * @param reportedSuccess the outcome of {@code reported}; null before the first report of a result
 * @param pendingSuccess the outcome of the pending run of results that differ from the reported outcome; null if none
 * @param pendingCount how many such results came in a row
 */
public record CheckState(CheckStatusInfo reported, Boolean reportedSuccess, Boolean pendingSuccess, int pendingCount) {

    /** Validates the state. */
    public CheckState {
        Objects.requireNonNull(reported, "reported");
        if (pendingCount < 0) {
            throw new IllegalArgumentException("pending count must not be negative");
        }
    }

    /** The state before any result: the check's kind with an empty result (as Mesos' first TASK_RUNNING carries). */
    public static CheckState initial(CheckInfo.Type type) {
        return new CheckState(empty(type), null, null, 0);
    }

    /** An empty status of a check kind: the result object present and without a value. */
    public static CheckStatusInfo empty(CheckInfo.Type type) {
        return switch (type) {
            case COMMAND -> new CheckStatusInfo(type, new CheckStatusInfo.Command(null), null, null);
            case HTTP -> new CheckStatusInfo(type, null, new CheckStatusInfo.Http(null), null);
            case TCP -> new CheckStatusInfo(type, null, null, new CheckStatusInfo.Tcp(null));
            case UNKNOWN -> new CheckStatusInfo(type, null, null, null);
        };
    }

    /** Whether a result counts as a success: exit code 0, HTTP status 200..399, TCP connected. */
    public static boolean success(CheckStatusInfo result) {
        if (result.command() != null) {
            return Integer.valueOf(0).equals(result.command().exitCode());
        }
        if (result.http() != null) {
            Integer code = result.http().statusCode();
            return code != null && code >= 200 && code < 400;
        }
        return result.tcp() != null && Boolean.TRUE.equals(result.tcp().succeeded());
    }

    /**
     * The result of one step.
     *
     * @param next the new state
     * @param report whether {@code next.reported()} is a new result to send
     */
    public record Step(CheckState next, boolean report) {
    }

    /** Feeds one result. */
    public Step step(CheckStatusInfo result, int successThreshold, int failureThreshold) {
        Objects.requireNonNull(result, "result");
        boolean success = success(result);
        if (reportedSuccess != null && success == reportedSuccess) {
            boolean changed = !result.equals(reported);
            return new Step(new CheckState(changed ? result : reported, reportedSuccess, null, 0), changed);
        }
        int count = Boolean.valueOf(success).equals(pendingSuccess) ? pendingCount + 1 : 1;
        int threshold = success ? successThreshold : reportedSuccess == null ? 1 : failureThreshold;
        if (count >= threshold) {
            return new Step(new CheckState(result, success, null, 0), true);
        }
        return new Step(new CheckState(reported, reportedSuccess, success, count), false);
    }
}
