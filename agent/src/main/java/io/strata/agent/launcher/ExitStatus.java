package io.strata.agent.launcher;

import java.util.OptionalInt;

/** How a task process ended: with a known exit code, without ever starting, or in a way nobody recorded. */
public sealed interface ExitStatus {

    /** Returns whether this is a known exit with code 0. */
    default boolean isSuccess() {
        return this instanceof Exited exited && exited.code() == 0;
    }

    /**
     * The task exited with {@code code} (0..255); a death by signal {@code n} is reported as {@code 128 + n}, so
     * SIGKILL, and therefore an OOM kill, gives 137.
     */
    record Exited(int code) implements ExitStatus {

        /** Validates the code range. */
        public Exited {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("exit code out of range 0..255: " + code);
            }
        }

        /** Returns the signal that killed the task, if the code says it died of one (129..159). */
        public OptionalInt signal() {
            return code > 128 && code < 160 ? OptionalInt.of(code - 128) : OptionalInt.empty();
        }
    }

    /** The task never started, for the given reason (e.g. the supervisor could not join its cgroups). */
    record LaunchFailed(String reason) implements ExitStatus {

        /** Validates the reason. */
        public LaunchFailed {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }

    /** The task is gone but its status was never recorded (e.g. the supervisor was SIGKILLed while detached). */
    record Unknown(String reason) implements ExitStatus {

        /** Reason used when neither the supervisor nor a status file exists. */
        public static final String GONE = "unknown: process gone and no status recorded";

        /** Validates the reason. */
        public Unknown {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }
}
