package io.strata.kubernetes.controllers;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A reconciler's answer: the intents to perform and when to look again if time alone changes the answer. */
public record Plan(List<Intent> intents, Optional<Duration> requeueAfter) {

    /** Copies the intents and validates that both parts are present. */
    public Plan {
        intents = List.copyOf(Objects.requireNonNull(intents, "intents"));
        Objects.requireNonNull(requeueAfter, "requeueAfter");
    }

    /** A plan that needs no time-driven look. */
    public static Plan of(List<Intent> intents) {
        return new Plan(intents, Optional.empty());
    }
}
