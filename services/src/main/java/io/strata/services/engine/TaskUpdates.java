package io.strata.services.engine;

import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.HealthCheckDefinition;
import io.strata.services.model.Instance;
import io.strata.services.wire.AppWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what is learned about tasks on the engine thread: Mesos status updates (acknowledged at once, unknown
 * tasks killed, terminal instances expunged and counted for backoff) and framework-run health probe results,
 * publishing Marathon's {@code status_update_event}, {@code instance_changed_event} and
 * {@code health_status_changed_event}.
 */
final class TaskUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(TaskUpdates.class);

    private final ServicesEngine engine;

    TaskUpdates(ServicesEngine engine) {
        this.engine = engine;
    }

    void update(TaskStatus status) {
        if (status.uuid() != null && status.agentId() != null) {
            engine.driver.call(fid -> Call.acknowledge(fid, new Call.Acknowledge(status.agentId(), status.taskId(),
                    status.uuid())));
        }
        Instance instance = engine.state.instances.get(status.taskId().value());
        if (instance == null) {
            if (!status.state().isTerminal()) {
                LOG.info("killing unknown task {}", status.taskId().value());
                engine.driver.call(fid -> Call.kill(fid, new Call.Kill(status.taskId(), status.agentId(), null)));
            }
            return;
        }
        Instant now = engine.clock.instant();
        Condition next = Condition.of(status.state());
        Instance updated = instance;
        if (next != instance.condition()) {
            updated = instance.withCondition(next, now, status.message());
        }
        if (status.healthy() != null && !status.healthy().equals(instance.healthy())) {
            updated = updated.withHealth(status.healthy(), status.healthy() ? 0 : updated.consecutiveFailures() + 1,
                    status.healthy() ? now : updated.lastHealthSuccess(), status.healthy() ? updated.lastHealthFailure() : now);
            healthChanged(updated);
        }
        if (updated == instance) {
            return;
        }
        publishStatus(updated, status);
        engine.touch(updated.appId());
        if (next.isTerminal()) {
            if (next.isFailure() || (next == Condition.KILLED || next == Condition.FINISHED) && instance.killRequestedAt() == null) {
                recordFailure(updated, status, now);
            }
            engine.expunge(updated);
        } else {
            engine.state.instances.put(updated.taskId(), updated);
            if (next != instance.condition()) {
                engine.stage(updated);
            }
        }
    }

    private void publishStatus(Instance instance, TaskStatus status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slaveId", instance.agentId());
        event.put("taskId", instance.taskId());
        event.put("taskStatus", status.state().name());
        event.put("message", status.message() == null ? "" : status.message());
        event.put("appId", instance.appId().toString());
        event.put("host", instance.host());
        event.put("ports", instance.ports());
        event.put("version", AppWriter.time(instance.version()));
        engine.events.publish("status_update_event", event);
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("instanceId", instance.taskId());
        changed.put("condition", status.state().name().substring("TASK_".length()).toLowerCase(java.util.Locale.ROOT));
        changed.put("runSpecId", instance.appId().toString());
        changed.put("agentId", instance.agentId());
        changed.put("host", instance.host());
        changed.put("runSpecVersion", AppWriter.time(instance.version()));
        engine.events.publish("instance_changed_event", changed);
    }

    private void recordFailure(Instance instance, TaskStatus status, Instant now) {
        engine.countFailure(instance.appId(), now);
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("appId", instance.appId().toString());
        failure.put("host", instance.host());
        failure.put("message", status.message() == null ? "" : status.message());
        failure.put("state", status.state().name());
        failure.put("taskId", instance.taskId());
        failure.put("timestamp", AppWriter.time(now));
        failure.put("version", AppWriter.time(instance.version()));
        failure.put("slaveId", instance.agentId());
        engine.state.lastTaskFailure.put(instance.appId(), failure);
    }

    /**
     * Applies one probe of framework-run check {@code index}: failures before the check's first success within its
     * grace period after the task started are ignored (Marathon), the instance's verdict combines all its checks.
     */
    void healthResult(String taskId, int index, boolean passed, Instant at, String cause) {
        Instance instance = engine.state.instances.get(taskId);
        if (instance == null || instance.condition() != Condition.RUNNING) {
            return;
        }
        AppDefinition app = engine.state.apps.get(instance.appId());
        if (app == null) {
            return;
        }
        List<HealthCheckDefinition> checks = HealthMonitor.frameworkChecks(app);
        if (index >= checks.size()) {
            return; // the app changed since the probe started
        }
        boolean everPassed = instance.healthResults().stream()
                .anyMatch(r -> r.index() == index && r.firstSuccess() != null);
        boolean inGrace = !everPassed && instance.startedAt() != null
                && at.isBefore(instance.startedAt().plusSeconds(checks.get(index).gracePeriodSeconds()));
        if (!passed && inGrace) {
            return;
        }
        Instance updated = instance.withProbe(index, checks.size(), passed, at, cause);
        engine.state.instances.put(taskId, updated);
        if (!java.util.Objects.equals(updated.healthy(), instance.healthy()) && updated.healthy() != null) {
            healthChanged(updated);
        }
        engine.touch(updated.appId());
    }

    private void healthChanged(Instance instance) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("appId", instance.appId().toString());
        event.put("taskId", instance.taskId());
        event.put("instanceId", instance.taskId());
        event.put("version", AppWriter.time(instance.version()));
        event.put("alive", Boolean.TRUE.equals(instance.healthy()));
        engine.events.publish("health_status_changed_event", event);
    }
}
