package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.pods.PodRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's decisions as stored objects, written off the loop in order per pod ({@link PodWrites}): a binding
 * (with the pod's waiting status, {@link PodStatusWriter#storeBinding}) followed by its {@code Scheduled} event, and
 * an unschedulable pod's {@code PodScheduled=False} condition followed by its {@code FailedScheduling} event.
 *
 * <p>Thread-safe. Events are built on the caller's thread: their time is the decision's.
 */
final class SchedulingWrites {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingWrites.class);

    private final PodWrites writes;
    private final PodStatusWriter statuses;
    private final PodEvents events;
    private final String component;

    SchedulingWrites(PodWrites writes, PodStatusWriter statuses, PodEvents events, String component) {
        this.writes = writes;
        this.statuses = statuses;
        this.events = events;
        this.component = component;
    }

    /**
     * Stores the binding of pod {@code key} to {@code node} and then its Scheduled event; runs {@code failed} (on a
     * write thread) when the binding cannot be stored (the pod is gone or bound elsewhere).
     */
    void bind(String key, String node, PodRun run, Runnable failed) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        writes.submit(key, () -> {
            try {
                ObjectNode stored = statuses.storeBinding(ns, name, node, run);
                events.store(events.object(stored, "Normal", "Scheduled", "Successfully assigned " + key + " to "
                        + node, component));
            } catch (ApiError e) {
                LOG.info("cannot bind {}: {}", key, e.getMessage());
                failed.run();
            }
        });
    }

    /** Stores that {@code pod} fits no node ({@code message}: upstream's FitError text) and its event. */
    void unschedulable(ObjectNode pod, String message) {
        ObjectNode event = events.object(pod, "Warning", "FailedScheduling", message, component);
        writes.submit(KubernetesScheduler.key(pod), () -> {
            if (statuses.storeUnschedulable(pod, message)) {
                events.store(event);
            }
        });
    }
}
