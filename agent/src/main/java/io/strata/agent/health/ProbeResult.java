package io.strata.agent.health;

import java.util.Objects;

/** The outcome of running one probe once: success or failure, with a human-readable message. */
record ProbeResult(boolean success, String message) {

    ProbeResult {
        Objects.requireNonNull(message, "message");
    }

    static ProbeResult ok(String message) {
        return new ProbeResult(true, message);
    }

    static ProbeResult failed(String message) {
        return new ProbeResult(false, message);
    }
}
