package io.strata.agent.isolation;

import java.util.Objects;

/** The outcome of {@link Isolators#detect}: an isolator for this host, or the reason why cgroups cannot be used. */
public sealed interface IsolatorChoice {

    /** Cgroups are usable; {@code isolator} enforces limits. */
    record Usable(Isolator isolator) implements IsolatorChoice {

        /** Validates the isolator. */
        public Usable {
            Objects.requireNonNull(isolator, "isolator");
        }
    }

    /** Cgroups are unusable on this host for the given reason. */
    record Unusable(String reason) implements IsolatorChoice {

        /** Validates the reason. */
        public Unusable {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }

        /** Returns the message the agent prints when it refuses to start without {@code --isolation=none}. */
        public String message() {
            return "cgroups unusable: " + reason + "; start with --isolation=none to run tasks without limits";
        }
    }
}
