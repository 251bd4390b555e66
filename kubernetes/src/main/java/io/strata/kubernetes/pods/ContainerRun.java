package io.strata.kubernetes.pods;

import java.time.Instant;

/**
 * What the runtime knows about one container of a pod (mutable, owned by the scheduler's thread): its task's
 * latest state, restarts, and the last termination (upstream's {@code lastState}).
 */
public final class ContainerRun {
    /** Lifecycle of the current attempt's task. */
    public enum Phase { CREATING, RUNNING, TERMINATED }

    final String name;
    final String image;
    Phase phase = Phase.CREATING;
    String taskId;
    Instant startedAt;
    Instant finishedAt;
    int exitCode;
    String reason;
    String message;
    int restartCount;
    /** Why the container waits (ContainerCreating, CrashLoopBackOff, ErrImagePull, ...) when not running. */
    String waitingReason = "ContainerCreating";
    String waitingMessage;
    Termination last;

    /** A finished run, for {@code lastState.terminated}. */
    record Termination(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt,
            String containerId) {
    }

    ContainerRun(String name, String image) {
        this.name = name;
        this.image = image;
    }

    /** Whether the container's current attempt ended successfully (exit code 0). */
    public boolean succeeded() {
        return phase == Phase.TERMINATED && exitCode == 0;
    }
}
