package io.strata.kubernetes.pods;

import io.strata.api.mesos.CheckStatusInfo;
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
    /** Whether the container has a startup probe: not started (nor ready) before its health check passed. */
    final boolean startupGated;
    /** Whether the container has a readiness probe: ready only while the task's check passes. */
    final boolean readinessChecked;
    /** The probe the task's health check runs ({@code Liveness} or {@code Startup}), or null. */
    final String probe;
    /** The health check's last result in the current attempt (null: none yet). */
    Boolean healthy;
    /** Whether a health check of the current attempt succeeded (upstream's {@code started} with a startup probe). */
    boolean everHealthy;
    /** The readiness check's last result in the current attempt (null: none yet). */
    Boolean readyCheck;
    /** The readiness check's last result as the agent sent it (null: none yet), so each result is reported once. */
    CheckStatusInfo lastCheck;

    /** A finished run, for {@code lastState.terminated}. */
    record Termination(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt,
            String containerId) {
    }

    ContainerRun(String name, String image, boolean startupGated, boolean readinessChecked, String probe) {
        this.name = name;
        this.image = image;
        this.startupGated = startupGated;
        this.readinessChecked = readinessChecked;
        this.probe = probe;
    }

    /** Running in a launched attempt. */
    boolean running(boolean launched) {
        return launched && phase == Phase.RUNNING;
    }

    /** Upstream's {@code started}: running, and past its startup probe when it has one. */
    boolean started(boolean launched) {
        return running(launched) && (!startupGated || everHealthy);
    }

    /**
     * Upstream's {@code ready}: started, and its readiness check passing when it has one (independent of the
     * liveness probe: a live container may be unready).
     */
    boolean ready(boolean launched) {
        return started(launched) && (!readinessChecked || Boolean.TRUE.equals(readyCheck));
    }

    /** Folds in a health result of the running task. */
    void health(Boolean result) {
        if (result != null) {
            healthy = result;
            everHealthy |= result;
        }
    }

    /**
     * Folds in the readiness check's result of the running task ({@code passing} null: none in this update, keep the
     * last).
     */
    void readiness(CheckStatusInfo result, Boolean passing) {
        if (passing != null) {
            readyCheck = passing;
            lastCheck = result;
        }
    }

    /** Whether the container's current attempt ended successfully (exit code 0). */
    public boolean succeeded() {
        return phase == Phase.TERMINATED && exitCode == 0;
    }
}
