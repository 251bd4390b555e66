package io.strata.cli.execute;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.StrataClientException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler logic of {@code strata execute}, driven by events: launch the task on the first offer that
 * fits, decline the others, acknowledge every update that carries a uuid, report state changes, and complete
 * {@link #outcome()} when the task ends or the run cannot go on. Calls go out through a {@link CallSink}; the
 * session does no I/O of its own, so tests drive it with hand-made events.
 *
 * <p>Threading: {@link #onEvent} and {@link #onStreamEnded} are called on the subscription's reader thread;
 * {@link #kill} and {@link #outcome} may be called from any thread.
 */
public final class ExecuteSession implements EventListener {
    /** Refusal for offers that do not fit yet: short, so a changed agent is offered again soon. */
    static final double WAITING_REFUSE_SECONDS = 1;
    /** Refusal once the task is launched: the framework needs nothing more. */
    static final double LAUNCHED_REFUSE_SECONDS = 600;

    /** Where the session's calls go: the scheduler client in production, a list in tests. */
    @FunctionalInterface
    public interface CallSink {
        /** Sends one call; throws {@link StrataClientException} when the master refuses it. */
        void call(Call call);
    }

    /** Told what happens; called on the reader thread, in order. */
    public interface Listener {
        /** The master registered the framework. */
        void subscribed(FrameworkId frameworkId);

        /** An offer did not fit; told once per agent so a long wait shows why without flooding. */
        void waiting(Offer offer, String reason);

        /** The task was sent to the agent of {@code offer}. */
        void launched(TaskInfo task, Offer offer);

        /** The task's state (or health) changed; the synthetic TASK_STAGING comes first, after launch. */
        void statusChanged(TaskStatus status);
    }

    private final TaskSpec spec;
    private final CallSink calls;
    private final Listener listener;
    private final CompletableFuture<ExecuteOutcome> outcome = new CompletableFuture<>();
    private final Set<String> agentsTold = new HashSet<>();
    private volatile FrameworkId frameworkId;
    private volatile AgentId agentId;
    private TaskState lastState;
    private Boolean lastHealthy;

    /** A session that will run {@code spec}. */
    public ExecuteSession(TaskSpec spec, CallSink calls, Listener listener) {
        this.spec = spec;
        this.calls = calls;
        this.listener = listener;
    }

    /** Completes when the task ended or the run was aborted. */
    public CompletableFuture<ExecuteOutcome> outcome() {
        return outcome;
    }

    /** The framework id once subscribed, else null. */
    public FrameworkId frameworkId() {
        return frameworkId;
    }

    /** Whether the task was launched (and not known to have ended). */
    public boolean running() {
        return agentId != null && !outcome.isDone();
    }

    /** Ends the run without a task outcome (timeout, interrupt); the first outcome wins. */
    public void abort(String message, int exitCode) {
        outcome.complete(new ExecuteOutcome.Aborted(message, exitCode));
    }

    /**
     * Asks the master to kill the task if it was launched and has not ended.
     *
     * @return whether a KILL was sent
     */
    public boolean kill() {
        AgentId agent = agentId;
        if (agent == null || outcome.isDone()) {
            return false;
        }
        calls.call(Call.kill(frameworkId, new Call.Kill(new TaskId(spec.taskId()), agent, null)));
        return true;
    }

    @Override
    public void onEvent(Event event) {
        if (event.type() == null) {
            return; // a newer event type this client does not know
        }
        try {
            switch (event.type()) {
                case SUBSCRIBED -> subscribed(event.subscribed());
                case OFFERS -> offers(event.offers().offers());
                case UPDATE -> update(event.update().status());
                case ERROR -> abort("the master reported an error: " + event.error().message(), 1);
                case UNKNOWN, INVERSE_OFFERS, RESCIND, RESCIND_INVERSE_OFFER, MESSAGE, FAILURE, HEARTBEAT -> {
                    // nothing to do: a rescinded or failed agent shows up as a task update
                }
            }
        } catch (StrataClientException e) {
            abort("the master refused a call: " + e.getMessage(), e.exitCode());
        }
    }

    @Override
    public void onStreamEnded(StrataClientException cause) {
        abort("lost the connection to the master: " + cause.getMessage(), cause.exitCode());
    }

    private void subscribed(Event.Subscribed subscribed) {
        frameworkId = subscribed.frameworkId();
        listener.subscribed(frameworkId);
    }

    private void offers(List<Offer> offers) {
        List<OfferId> declined = new ArrayList<>();
        for (Offer offer : offers) {
            if (agentId != null || outcome.isDone()) {
                declined.add(offer.id());
                continue;
            }
            switch (OfferMatcher.match(offer, spec.resources(), spec.role())) {
                case OfferMatcher.Fits fits -> launch(offer, fits);
                case OfferMatcher.Lacks lacks -> {
                    declined.add(offer.id());
                    if (agentsTold.add(String.valueOf(offer.agentId()))) {
                        listener.waiting(offer, lacks.reason());
                    }
                }
            }
        }
        if (!declined.isEmpty()) {
            double refuse = agentId == null ? WAITING_REFUSE_SECONDS : LAUNCHED_REFUSE_SECONDS;
            calls.call(Call.decline(frameworkId, new Call.Decline(declined, new Filters(refuse))));
        }
    }

    private void launch(Offer offer, OfferMatcher.Fits fits) {
        TaskInfo task = spec.toTaskInfo(offer.agentId(), fits.resources());
        Offer.Operation launch = new Offer.Operation(Offer.Operation.Type.LAUNCH,
                new Offer.Operation.Launch(List.of(task)), null);
        calls.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()), List.of(launch),
                new Filters(LAUNCHED_REFUSE_SECONDS))));
        agentId = offer.agentId();
        listener.launched(task, offer);
        report(TaskStatus.builder(task.taskId(), TaskState.TASK_STAGING).agentId(agentId)
                .source(TaskStatus.Source.SOURCE_MASTER).build());
    }

    private void update(TaskStatus status) {
        if (status.uuid() != null && status.agentId() != null) {
            calls.call(Call.acknowledge(frameworkId,
                    new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid())));
        }
        if (status.taskId() == null || !spec.taskId().equals(status.taskId().value())) {
            return;
        }
        report(status);
        if (status.state() != null && status.state().isTerminal()) {
            outcome.complete(new ExecuteOutcome.Ended(status));
        }
    }

    /** Reports a status whose state or health differs from the last one reported (updates may repeat). */
    private void report(TaskStatus status) {
        if (status.state() == lastState && Objects.equals(status.healthy(), lastHealthy)) {
            return;
        }
        lastState = status.state();
        lastHealthy = status.healthy();
        listener.statusChanged(status);
    }
}
