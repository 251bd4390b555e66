package io.strata.master.engine;

import io.strata.api.agent.AgentEvent;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.ExecutorEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.OfferEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.master.registry.TaskKey;
import io.strata.server.ApiException;
import io.strata.server.trace.LaunchHop;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The non-SUBSCRIBE calls of the v1 scheduler API. The HTTP layer has already checked that the caller is
 * the framework's subscribed stream; every method validates its body before changing anything, so a
 * rejected call (400) leaves the registry untouched.
 */
public final class SchedulerCalls {
    private final MasterContext ctx;
    private final Offers offers;
    private final TaskLifecycle tasks;
    private final Frameworks frameworks;

    public SchedulerCalls(MasterContext ctx, Offers offers, TaskLifecycle tasks, Frameworks frameworks) {
        this.ctx = ctx;
        this.offers = offers;
        this.tasks = tasks;
        this.frameworks = frameworks;
    }

    /** Dispatches one call of a subscribed framework. */
    public void handle(FrameworkEntry f, Call call) {
        switch (call.type()) {
            case ACCEPT -> accept(f, require(call.accept(), "accept"));
            case DECLINE -> decline(f, require(call.decline(), "decline"));
            case KILL -> kill(f, require(call.kill(), "kill"));
            case ACKNOWLEDGE -> acknowledge(f, require(call.acknowledge(), "acknowledge"));
            case RECONCILE -> reconcile(f, require(call.reconcile(), "reconcile"));
            case REVIVE -> {
                ctx.count("master/messages_revive_offers");
                f.suppressed = false;
                ctx.allocator.revive(f.id.value());
                ctx.requestAllocation();
            }
            case SUPPRESS -> {
                ctx.count("master/messages_suppress_offers");
                f.suppressed = true;
                ctx.allocator.suppress(f.id.value());
            }
            case TEARDOWN -> {
                ctx.count("master/messages_teardown");
                frameworks.remove(f, "Framework torn down");
            }
            case SHUTDOWN -> shutdown(f, require(call.shutdown(), "shutdown"));
            case MESSAGE, REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS -> {
                // no executor messages and no maintenance in Strata: accepted and ignored, as Mesos ignores REQUEST
            }
            case SUBSCRIBE -> throw ApiException.badRequest("SUBSCRIBE must be the first call on a new connection");
            case UNKNOWN -> throw ApiException.badRequest("Expecting 'type' to be present");
        }
    }

    private static <T> T require(T body, String field) {
        if (body == null) {
            throw ApiException.badRequest("Expecting '" + field + "' to be present");
        }
        return body;
    }

    private void accept(FrameworkEntry f, Call.Accept accept) {
        ctx.count("master/messages_accept_offers");
        List<OfferId> ids = accept.offerIds() == null ? List.of() : accept.offerIds();
        if (ids.isEmpty()) {
            throw ApiException.badRequest("Expecting 'accept.offer_ids' to have at least one offer");
        }
        List<Offer.Operation> operations = accept.operations() == null ? List.of() : accept.operations();
        for (int i = 0; i < operations.size(); i++) {
            Offer.Operation op = operations.get(i);
            if (op == null || op.type() == null) {
                throw ApiException.badRequest("accept.operations[" + i + "].type is missing or unknown");
            }
            switch (op.type()) {
                case LAUNCH -> {
                    if (op.launch() == null || op.launch().taskInfos() == null) {
                        throw ApiException.badRequest("accept.operations[" + i + "].launch.task_infos is missing");
                    }
                    requireTaskIds(op.launch().taskInfos(), "accept.operations[" + i + "].launch.task_infos");
                }
                case LAUNCH_GROUP -> {
                    String where = "accept.operations[" + i + "].launch_group";
                    if (op.launchGroup() == null) {
                        throw ApiException.badRequest(where + " is missing");
                    }
                    if (op.launchGroup().taskGroup() == null || op.launchGroup().taskGroup().tasks() == null) {
                        throw ApiException.badRequest(where + ".task_group.tasks is missing");
                    }
                    requireTaskIds(op.launchGroup().taskGroup().tasks(), where + ".task_group.tasks");
                }
                case UNKNOWN, RESERVE, UNRESERVE, CREATE, DESTROY -> throw ApiException.badRequest(
                        "accept.operations[" + i + "].type " + op.type()
                                + " is not supported (supported: LAUNCH, LAUNCH_GROUP)");
            }
        }
        double refuse = accept.filters() == null ? 5.0 : accept.filters().refuseSecondsOrDefault();
        if (!Double.isFinite(refuse) || refuse < 0) {
            throw ApiException.badRequest("accept.filters.refuse_seconds must be a finite number >= 0");
        }
        List<TaskInfo> launches = new ArrayList<>();
        operations.forEach(op -> launches.addAll(op.type() == Offer.Operation.Type.LAUNCH ? op.launch().taskInfos()
                : op.launchGroup().taskGroup().tasks()));

        String invalid = null;
        List<OfferEntry> used = new ArrayList<>();
        for (OfferId id : ids) {
            OfferEntry o = id == null ? null : ctx.registry.offers.get(id.value());
            if (o == null) {
                invalid = "Offer " + (id == null ? "null" : id.value()) + " is no longer valid";
            } else if (!o.frameworkId().equals(f.id)) {
                invalid = "Offer " + id.value() + " belongs to another framework";
            } else if (!used.isEmpty() && !used.get(0).agentId().equals(o.agentId())) {
                invalid = "Offers " + used.get(0).id().value() + " and " + id.value() + " are from different agents";
            } else if (used.stream().anyMatch(u -> u.id().equals(o.id()))) {
                invalid = "Offer " + id.value() + " appears more than once";
            } else {
                used.add(o);
            }
        }
        // every valid offer is consumed by this ACCEPT, whatever happens to the tasks
        used.forEach(offers::remove);
        if (invalid != null) {
            for (OfferEntry o : used) {
                offers.recover(o, o.resources(), 0);
            }
            dropAll(f, launches, invalid);
            return;
        }
        AgentEntry agent = ctx.registry.agents.get(used.get(0).agentId().value());
        Resources left = Resources.EMPTY;
        for (OfferEntry o : used) {
            left = left.plus(o.resources());
        }
        if (agent == null || !agent.offerable()) {
            for (OfferEntry o : used) {
                offers.recover(o, o.resources(), 0);
            }
            dropAll(f, launches, "Agent " + used.get(0).agentId().value() + " is not available");
            return;
        }
        Resources offered = left;
        // the tasks of one ACCEPT are stored in one batched write
        Resources unused = ctx.store.batched(() -> launchAll(f, agent, operations, offered));
        offers.recover(used.get(0), unused, refuse);
    }

    private Resources launchAll(FrameworkEntry f, AgentEntry agent, List<Offer.Operation> operations, Resources left) {
        int index = 0;
        for (int i = 0; i < operations.size(); i++) {
            Offer.Operation op = operations.get(i);
            if (op.type() == Offer.Operation.Type.LAUNCH) {
                for (TaskInfo task : op.launch().taskInfos()) {
                    left = launch(f, agent, task, index++, left);
                }
            } else {
                left = launchGroup(f, agent, op.launchGroup(), "accept.operations[" + i + "].launch_group", left);
            }
        }
        return left;
    }

    /**
     * task_id is a required field of TaskInfo: a task without one cannot even be answered with TASK_ERROR, so
     * the whole call is malformed (400), as a protobuf parse failure is in Mesos.
     */
    private static void requireTaskIds(List<TaskInfo> tasks, String field) {
        for (int j = 0; j < tasks.size(); j++) {
            TaskInfo task = tasks.get(j);
            if (task == null) {
                throw ApiException.badRequest(field + "[" + j + "] is null");
            }
            if (task.taskId() == null || task.taskId().value() == null || task.taskId().value().isEmpty()) {
                throw ApiException.badRequest("Expecting '" + field + "[" + j + "].task_id' to be present");
            }
        }
    }

    private Resources launch(FrameworkEntry f, AgentEntry agent, TaskInfo task, int index, Resources left) {
        ctx.count("master/messages_launch_tasks");
        TaskValidation.Result result = TaskValidation.validate(task, index, f, agent, left);
        if (!result.valid()) {
            ctx.count("master/invalid_tasks");
            if (task.taskId() != null) {
                tasks.forward(f, TaskStatus.builder(task.taskId(), TaskState.TASK_ERROR).agentId(agent.id)
                        .source(TaskStatus.Source.SOURCE_MASTER).reason(TaskStatus.Reason.REASON_TASK_INVALID)
                        .message(result.error()).timestamp(ctx.nowSeconds()).build());
            }
            return left;
        }
        LaunchHop.mark("master", task.taskId().value(), "accept.loop");
        TaskInfo withAgent = task.withAgentId(agent.id);
        TaskEntry entry = new TaskEntry(f.id, withAgent, agent.id, result.resources());
        entry.apply(TaskStatus.builder(task.taskId(), TaskState.TASK_STAGING).agentId(agent.id)
                .source(TaskStatus.Source.SOURCE_MASTER).timestamp(ctx.nowSeconds()).build(), ctx.nowSeconds());
        tasks.launchWhenStored(f, agent.id, List.of(entry), tasks.added(f, agent, entry),
                AgentEvent.runTask(new AgentEvent.RunTask(f.info, withAgent)));
        return left.minus(result.resources());
    }

    /**
     * Launches a task group: validated as a whole (one problem fails every task of it with TASK_ERROR and
     * REASON_TASK_GROUP_INVALID, as in Mesos), then its executor and tasks are recorded and the agent gets one
     * RUN_TASK_GROUP. Returns what is left of the offers.
     */
    private Resources launchGroup(FrameworkEntry f, AgentEntry agent, Offer.Operation.LaunchGroup group, String where,
                                  Resources left) {
        ctx.count("master/messages_launch_tasks");
        List<TaskInfo> tasksOfGroup = group.taskGroup().tasks();
        TaskGroupValidation.Result result = TaskGroupValidation.validate(group, where, f, agent, left);
        if (!result.valid()) {
            ctx.count("master/invalid_tasks");
            for (TaskInfo task : tasksOfGroup) {
                tasks.forward(f, TaskStatus.builder(task.taskId(), TaskState.TASK_ERROR).agentId(agent.id)
                        .source(TaskStatus.Source.SOURCE_MASTER).reason(TaskStatus.Reason.REASON_TASK_GROUP_INVALID)
                        .message(result.error()).timestamp(ctx.nowSeconds()).build());
            }
            return left;
        }
        ExecutorEntry executor = tasks.executor(f, agent, group.executor());
        List<TaskInfo> withAgent = new ArrayList<>();
        List<TaskEntry> entries = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Void>> stored = new ArrayList<>();
        Resources taken = result.executorResources();
        for (int i = 0; i < tasksOfGroup.size(); i++) {
            TaskInfo task = tasksOfGroup.get(i).withAgentId(agent.id);
            withAgent.add(task);
            TaskEntry entry = new TaskEntry(f.id, task, agent.id, result.taskResources().get(i),
                    executor.info.executorId());
            entry.apply(TaskStatus.builder(task.taskId(), TaskState.TASK_STAGING).agentId(agent.id)
                    .executorId(executor.info.executorId()).source(TaskStatus.Source.SOURCE_MASTER)
                    .timestamp(ctx.nowSeconds()).build(), ctx.nowSeconds());
            entries.add(entry);
            stored.add(tasks.added(f, agent, entry));
            taken = taken.plus(result.taskResources().get(i));
        }
        tasks.launchWhenStored(f, agent.id, entries, java.util.concurrent.CompletableFuture.allOf(
                stored.toArray(java.util.concurrent.CompletableFuture[]::new)),
                AgentEvent.runTaskGroup(new AgentEvent.RunTaskGroup(f.info, executor.info,
                        new Offer.TaskGroupInfo(withAgent))));
        return left.minus(taken);
    }

    private void dropAll(FrameworkEntry f, List<TaskInfo> launches, String message) {
        boolean partitionAware = f.info.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        for (TaskInfo t : launches) {
            if (t != null && t.taskId() != null) {
                tasks.forward(f, TaskStatus.builder(t.taskId(),
                                partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST)
                        .source(TaskStatus.Source.SOURCE_MASTER).reason(TaskStatus.Reason.REASON_INVALID_OFFERS)
                        .message(message).timestamp(ctx.nowSeconds()).build());
            }
        }
    }

    private void decline(FrameworkEntry f, Call.Decline decline) {
        ctx.count("master/messages_decline_offers");
        double refuse = decline.filters() == null ? 5.0 : decline.filters().refuseSecondsOrDefault();
        if (!Double.isFinite(refuse) || refuse < 0) {
            throw ApiException.badRequest("decline.filters.refuse_seconds must be a finite number >= 0");
        }
        if (decline.offerIds() == null) {
            throw ApiException.badRequest("Expecting 'decline.offer_ids' to be present");
        }
        for (OfferId id : decline.offerIds()) {
            OfferEntry o = id == null ? null : ctx.registry.offers.get(id.value());
            // unknown or foreign offers are ignored, as in Mesos (they may have been rescinded meanwhile)
            if (o != null && o.frameworkId().equals(f.id)) {
                offers.remove(o);
                offers.recover(o, o.resources(), refuse);
            }
        }
    }

    private void kill(FrameworkEntry f, Call.Kill kill) {
        ctx.count("master/messages_kill_task");
        if (kill.taskId() == null || kill.taskId().value() == null) {
            throw ApiException.badRequest("Expecting 'kill.task_id' to be present");
        }
        TaskEntry t = f.tasks.get(TaskKey.of(f.id, kill.taskId()));
        if (t == null) {
            // unknown task: tell the framework it is lost, as Mesos does
            tasks.forward(f, TaskStatus.builder(kill.taskId(), TaskState.TASK_LOST)
                    .agentId(kill.agentId()).source(TaskStatus.Source.SOURCE_MASTER)
                    .reason(TaskStatus.Reason.REASON_RECONCILIATION)
                    .message("Attempted to kill an unknown task").timestamp(ctx.nowSeconds()).build());
            return;
        }
        if (t.awaitingStore) {
            killBeforeLaunch(f, t);
            return;
        }
        ctx.registry.agent(t.agentId).ifPresent(a -> ctx.send(a,
                AgentEvent.killTask(new AgentEvent.KillTask(f.id, t.info.taskId(),
                        kill.killPolicy() != null ? kill.killPolicy() : t.info.killPolicy()))));
    }

    /**
     * A kill of a task whose record is still being stored: its agent has not heard of it, so the master ends it
     * (with the rest of its group, as a kill of any task of a group kills all of them).
     */
    private void killBeforeLaunch(FrameworkEntry f, TaskEntry t) {
        List<TaskEntry> group = t.executorId == null ? List.of(t) : f.tasks.values().stream()
                .filter(o -> o.awaitingStore && t.executorId.equals(o.executorId) && t.agentId.equals(o.agentId))
                .toList();
        for (TaskEntry o : group) {
            tasks.update(f, o, tasks.masterStatus(o, TaskState.TASK_KILLED,
                    TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, "Killed before it was sent to its agent"));
        }
    }

    /**
     * SHUTDOWN of a task group's executor: its agent kills the group (a kill of any task of a group kills all of
     * them, as the default executor does). An executor the master does not know is ignored, as in Mesos.
     */
    private void shutdown(FrameworkEntry f, Call.Shutdown shutdown) {
        ctx.count("master/messages_shutdown_executor");
        if (shutdown.executorId() == null || shutdown.executorId().value() == null || shutdown.agentId() == null
                || shutdown.agentId().value() == null) {
            throw ApiException.badRequest("Expecting 'shutdown.executor_id' and 'shutdown.agent_id' to be present");
        }
        ExecutorEntry e = f.executors.get(ExecutorEntry.key(shutdown.agentId(), shutdown.executorId().value()));
        if (e == null || e.tasks.isEmpty()) {
            return;
        }
        TaskEntry t = f.tasks.get(e.tasks.iterator().next());
        if (t.awaitingStore) {
            killBeforeLaunch(f, t);
            return;
        }
        ctx.registry.agent(e.agentId).ifPresent(a -> ctx.send(a, AgentEvent.killTask(
                new AgentEvent.KillTask(f.id, t.info.taskId(), t.info.killPolicy()))));
    }

    private void acknowledge(FrameworkEntry f, Call.Acknowledge ack) {
        ctx.count("master/messages_status_update_acknowledgement");
        if (ack.taskId() == null || ack.agentId() == null || ack.uuid() == null) {
            throw ApiException.badRequest("Expecting 'acknowledge.agent_id', 'acknowledge.task_id' and "
                    + "'acknowledge.uuid' to be present");
        }
        try {
            if (Base64.getDecoder().decode(ack.uuid()).length != 16) {
                throw ApiException.badRequest("'acknowledge.uuid' must be 16 bytes, base64 encoded");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'acknowledge.uuid' is not valid base64: " + e.getMessage());
        }
        AgentEntry a = ctx.registry.agents.get(ack.agentId().value());
        if (a == null) {
            throw ApiException.badRequest("Unknown agent " + ack.agentId().value());
        }
        ctx.send(a, AgentEvent.acknowledge(new AgentEvent.Acknowledge(f.id, ack.taskId(), ack.uuid())));
    }

    private void reconcile(FrameworkEntry f, Call.Reconcile reconcile) {
        ctx.count("master/messages_reconcile_tasks");
        List<Call.Reconcile.ReconcileTask> requested = reconcile.tasks() == null ? List.of() : reconcile.tasks();
        if (requested.isEmpty()) {
            for (TaskEntry t : List.copyOf(f.tasks.values())) {
                tasks.forward(f, reconciled(t.latest, t));
            }
            return;
        }
        for (Call.Reconcile.ReconcileTask r : requested) {
            if (r == null || r.taskId() == null) {
                continue;
            }
            TaskEntry t = f.tasks.get(TaskKey.of(f.id, r.taskId()));
            if (t != null) {
                tasks.forward(f, reconciled(t.latest, t));
                continue;
            }
            TaskEntry done = f.completed.stream().filter(c -> c.info.taskId().equals(r.taskId())).reduce((a, b) -> b)
                    .orElse(null);
            if (done != null) {
                tasks.forward(f, reconciled(done.latest, done));
                continue;
            }
            AgentId agentId = r.agentId();
            AgentEntry agent = agentId == null ? null : ctx.registry.agents.get(agentId.value());
            if (agent != null && !agent.reachable) {
                tasks.forward(f, TaskStatus.builder(r.taskId(), TaskState.TASK_UNREACHABLE).agentId(agentId)
                        .source(TaskStatus.Source.SOURCE_MASTER).reason(TaskStatus.Reason.REASON_RECONCILIATION)
                        .message("Reconciliation: agent is unreachable").timestamp(ctx.nowSeconds()).build());
            } else if (agent != null && !agent.connected && agent.recovered) {
                continue; // agent re-registering after a master failover: no reply yet, as in Mesos
            } else {
                tasks.forward(f, TaskStatus.builder(r.taskId(), TaskState.TASK_LOST).agentId(agentId)
                        .source(TaskStatus.Source.SOURCE_MASTER).reason(TaskStatus.Reason.REASON_RECONCILIATION)
                        .message("Reconciliation: Task is unknown").timestamp(ctx.nowSeconds()).build());
            }
        }
    }

    /** A reconciliation reply: the latest state with minimal fields (health and check status kept) and no uuid. */
    private TaskStatus reconciled(TaskStatus latest, TaskEntry t) {
        return TaskStatus.builder(t.info.taskId(), t.state).agentId(t.agentId)
                .source(TaskStatus.Source.SOURCE_MASTER).reason(TaskStatus.Reason.REASON_RECONCILIATION)
                .message(latest != null ? latest.message() : null)
                .healthy(latest != null ? latest.healthy() : null)
                .checkStatus(latest != null ? latest.checkStatus() : null).timestamp(ctx.nowSeconds()).build();
    }
}
