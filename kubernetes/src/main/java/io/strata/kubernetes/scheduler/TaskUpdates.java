package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.kubernetes.pods.PodRun;
import io.strata.kubernetes.pods.TaskNames;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status handling: turns the master's task status updates into pod state. An update names its pod through the task
 * id ({@link TaskNames}); the pod's {@link PodRun} decides what follows (kill the group, relaunch with back-off,
 * done), the pod's status is rewritten, probe failures and back-offs become Warning events, a deleting pod whose
 * tasks all ended is removed, tasks of pods that no longer exist are killed, and every update is acknowledged.
 *
 * <p>Not thread-safe: the scheduler's loop thread only; {@code runs} and {@code bound} are the scheduler's own maps.
 */
final class TaskUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(TaskUpdates.class);

    private final Map<String, PodRun> runs;
    private final Map<String, ObjectNode> bound;
    private final MasterCalls calls;
    private final PodEvents events;
    private final PodStatusWriter statuses;
    private final InstantSource clock;
    private final Consumer<String> changed;

    /** Updates applying to {@code runs}; {@code changed} learns the key of each pod whose run an update changed. */
    TaskUpdates(Map<String, PodRun> runs, Map<String, ObjectNode> bound, MasterCalls calls, PodEvents events,
            PodStatusWriter statuses, InstantSource clock, Consumer<String> changed) {
        this.runs = runs;
        this.bound = bound;
        this.calls = calls;
        this.events = events;
        this.statuses = statuses;
        this.clock = clock;
        this.changed = changed;
    }

    /** Applies one status update and acknowledges it (also when applying failed: the update is not retried). */
    void onUpdate(TaskStatus status) {
        try {
            Optional<TaskNames> names = TaskNames.parse(status.taskId().value());
            if (names.isPresent()) {
                String k = names.get().namespace() + "/" + names.get().pod();
                PodRun run = runs.get(k);
                ObjectNode pod = bound.get(k);
                if (run == null || pod == null) {
                    if (!status.state().isTerminal()) {
                        calls.kill(status.taskId(), status.agentId(), 0); // a pod that no longer exists
                    }
                } else {
                    if (run.attempt() < names.get().attempt() && !status.state().isTerminal()) {
                        run.adopt(names.get().attempt(), status.agentId() == null ? null
                                : status.agentId().value());
                    }
                    apply(k, run, pod, status);
                    changed.accept(k);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("status update {} failed: {}", status.taskId().value(), e.toString());
        } finally {
            if (status.uuid() != null && status.agentId() != null) {
                calls.acknowledge(new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid()));
            }
        }
    }

    private void apply(String k, PodRun run, ObjectNode pod, TaskStatus status) {
        Instant now = clock.instant();
        run.probeFailure(status).ifPresent(m -> events.record(pod, "Warning", "Unhealthy", m, "kubelet"));
        PodRun.Next next = run.apply(status, now);
        switch (next) {
            case KILL_GROUP -> calls.kill(run, 0);
            case DONE -> {
                if (run.isDeleting()) {
                    runs.remove(k);
                    statuses.remove(pod);
                    return;
                }
            }
            case RELAUNCH -> {
                if (run.notBefore().isAfter(now)) {
                    events.record(pod, "Warning", "BackOff", "Back-off restarting failed container", "kubelet");
                }
            }
            default -> {
            }
        }
        if (!run.isDeleting()) {
            statuses.writeStatus(pod, run);
        }
    }
}
