package io.strata.api.scheduler;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.MasterInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskStatus;
import java.util.List;

/** An event on a framework's subscription stream. */
public record Event(Type type, Subscribed subscribed, Offers offers, Rescind rescind, Update update, Message message,
                    Failure failure, Error error) {

    /** Event types of scheduler.proto. */
    public enum Type {
        UNKNOWN, SUBSCRIBED, OFFERS, INVERSE_OFFERS, RESCIND, RESCIND_INVERSE_OFFER, UPDATE, MESSAGE, FAILURE, ERROR,
        HEARTBEAT
    }

    /** SUBSCRIBED: the framework id and the heartbeat interval. */
    public record Subscribed(FrameworkId frameworkId, Double heartbeatIntervalSeconds, MasterInfo masterInfo) {
    }

    /** OFFERS. */
    public record Offers(List<Offer> offers) {
    }

    /** RESCIND an offer. */
    public record Rescind(OfferId offerId) {
    }

    /** UPDATE: a task status. */
    public record Update(TaskStatus status) {
    }

    /** MESSAGE from an executor. */
    public record Message(AgentId agentId, ExecutorId executorId, String data) {
    }

    /** FAILURE: an agent was removed or an executor exited. */
    public record Failure(AgentId agentId, ExecutorId executorId, Integer status) {
    }

    /** ERROR: the framework should abort and resubscribe. */
    public record Error(String message) {
    }

    public static Event subscribed(Subscribed s) {
        return new Event(Type.SUBSCRIBED, s, null, null, null, null, null, null);
    }

    public static Event offers(List<Offer> offers) {
        return new Event(Type.OFFERS, null, new Offers(offers), null, null, null, null, null);
    }

    public static Event rescind(OfferId id) {
        return new Event(Type.RESCIND, null, null, new Rescind(id), null, null, null, null);
    }

    public static Event update(TaskStatus status) {
        return new Event(Type.UPDATE, null, null, null, new Update(status), null, null, null);
    }

    public static Event failure(Failure failure) {
        return new Event(Type.FAILURE, null, null, null, null, null, failure, null);
    }

    public static Event error(String message) {
        return new Event(Type.ERROR, null, null, null, null, null, null, new Error(message));
    }

    public static Event heartbeat() {
        return new Event(Type.HEARTBEAT, null, null, null, null, null, null, null);
    }
}
