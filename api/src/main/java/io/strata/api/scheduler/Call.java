package io.strata.api.scheduler;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskId;
import java.util.List;

/** A scheduler call: the envelope carries the type and the one matching body field. */
public record Call(FrameworkId frameworkId, Type type, Subscribe subscribe, Accept accept, Decline decline,
                   Kill kill, Acknowledge acknowledge, Reconcile reconcile, Shutdown shutdown, Message message,
                   Revive revive, Suppress suppress) {

    /** Call types of scheduler.proto. */
    public enum Type {
        UNKNOWN, SUBSCRIBE, TEARDOWN, ACCEPT, DECLINE, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, REVIVE, KILL,
        SHUTDOWN, ACKNOWLEDGE, RECONCILE, MESSAGE, REQUEST, SUPPRESS
    }

    /** SUBSCRIBE: register or re-register (with {@code framework_info.id}). */
    public record Subscribe(FrameworkInfo frameworkInfo) {
    }

    /** ACCEPT: operations on one or more offers of one agent. */
    public record Accept(List<OfferId> offerIds, List<Offer.Operation> operations, Filters filters) {
    }

    /** DECLINE: return offers, optionally refusing them for a while. */
    public record Decline(List<OfferId> offerIds, Filters filters) {
    }

    /** KILL a task. */
    public record Kill(TaskId taskId, AgentId agentId, KillPolicy killPolicy) {
    }

    /** ACKNOWLEDGE a status update that carried a uuid. */
    public record Acknowledge(AgentId agentId, TaskId taskId, String uuid) {
    }

    /** RECONCILE: explicit (tasks listed) or implicit (empty list). */
    public record Reconcile(List<ReconcileTask> tasks) {
        /** One task to reconcile. */
        public record ReconcileTask(TaskId taskId, AgentId agentId) {
        }
    }

    /** SHUTDOWN an executor. */
    public record Shutdown(ExecutorId executorId, AgentId agentId) {
    }

    /** MESSAGE to an executor (unreliable). */
    public record Message(AgentId agentId, ExecutorId executorId, String data) {
    }

    /** REVIVE (optionally for roles; Strata frameworks have one role). */
    public record Revive(List<String> roles) {
    }

    /** SUPPRESS (optionally for roles). */
    public record Suppress(List<String> roles) {
    }

    /** A call with only a type and framework id (TEARDOWN, REVIVE, SUPPRESS). */
    public static Call of(FrameworkId frameworkId, Type type) {
        return new Call(frameworkId, type, null, null, null, null, null, null, null, null, null, null);
    }

    /** A SUBSCRIBE call. */
    public static Call subscribe(FrameworkInfo info) {
        return new Call(info.id(), Type.SUBSCRIBE, new Subscribe(info), null, null, null, null, null, null, null,
                null, null);
    }

    /** An ACCEPT call. */
    public static Call accept(FrameworkId id, Accept accept) {
        return new Call(id, Type.ACCEPT, null, accept, null, null, null, null, null, null, null, null);
    }

    /** A DECLINE call. */
    public static Call decline(FrameworkId id, Decline decline) {
        return new Call(id, Type.DECLINE, null, null, decline, null, null, null, null, null, null, null);
    }

    /** A KILL call. */
    public static Call kill(FrameworkId id, Kill kill) {
        return new Call(id, Type.KILL, null, null, null, kill, null, null, null, null, null, null);
    }

    /** An ACKNOWLEDGE call. */
    public static Call acknowledge(FrameworkId id, Acknowledge ack) {
        return new Call(id, Type.ACKNOWLEDGE, null, null, null, null, ack, null, null, null, null, null);
    }

    /** A RECONCILE call. */
    public static Call reconcile(FrameworkId id, Reconcile reconcile) {
        return new Call(id, Type.RECONCILE, null, null, null, null, null, reconcile, null, null, null, null);
    }
}
