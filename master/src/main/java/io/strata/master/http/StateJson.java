package io.strata.master.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.strata.api.json.Json;
import io.strata.api.mesos.TaskState;
import io.strata.core.resources.Resources;
import io.strata.master.Master;
import io.strata.master.engine.Term;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.ExecutorEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.server.ApiException;
import io.strata.server.wire.ResourceWire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Mesos master state JSON (/master/state, /master/state-summary, /master/slaves, /master/frameworks,
 * /master/tasks): flat resource maps, {@code slaves}/{@code slave_id} spelling, as the DC/OS UI, CLI and
 * Mesos-DNS parse it. Runs on the master loop.
 */
public final class StateJson {
    private static final TaskState[] SUMMARY_STATES = {TaskState.TASK_STAGING, TaskState.TASK_STARTING,
        TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_FINISHED, TaskState.TASK_KILLED,
        TaskState.TASK_FAILED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_UNREACHABLE};
    /** Strata does not stamp builds; a fixed date keeps tools that parse these fields working. */
    private static final String BUILD_DATE = "1970-01-01 00:00:00";
    private static final double BUILD_TIME = 0;
    private final Master master;

    public StateJson(Master master) {
        this.master = master;
    }

    private static ObjectNode obj() {
        return Json.mesos().createObjectNode();
    }

    private static ObjectNode flat(Resources r) {
        return Json.mesos().valueToTree(r.flatMap());
    }

    /** /master/state. */
    public ObjectNode state(Term t) {
        ObjectNode n = header(t);
        n.put("activated_slaves", t.ctx.registry.agents.values().stream().filter(AgentEntry::offerable).count());
        n.put("deactivated_slaves", t.ctx.registry.agents.values().stream().filter(a -> !a.offerable()).count());
        ObjectNode flags = n.putObject("flags");
        flags.put("port", String.valueOf(master.port()));
        flags.put("zk", master.config().zk());
        flags.put("agent_ping_timeout", master.config().agentPingTimeout().toMillis() + "ms");
        flags.put("max_agent_ping_timeouts", String.valueOf(master.config().maxAgentPingTimeouts()));
        flags.put("allocation_interval", master.config().allocationInterval().toMillis() + "ms");
        flags.put("offer_timeout", master.config().offerTimeout().toMillis() + "ms");
        ArrayNode slaves = n.putArray("slaves");
        t.ctx.registry.agents.values().forEach(a -> slaves.add(slave(a)));
        ArrayNode frameworks = n.putArray("frameworks");
        t.ctx.registry.frameworks.values().forEach(f -> frameworks.add(framework(f, true)));
        ArrayNode completed = n.putArray("completed_frameworks");
        t.ctx.registry.completedFrameworks.values().forEach(f -> completed.add(framework(f, true)));
        n.putArray("orphan_tasks");
        n.putArray("unregistered_frameworks");
        return n;
    }

    private ObjectNode header(Term t) {
        ObjectNode n = obj();
        n.put("version", Master.VERSION);
        n.put("build_user", "strata");
        n.put("build_date", BUILD_DATE);
        n.put("build_time", BUILD_TIME);
        n.put("start_time", master.startTime());
        n.put("elected_time", t.ctx.electedTime);
        n.put("id", master.info().id());
        n.put("pid", master.info().pid());
        n.put("hostname", master.info().hostname());
        n.put("leader", master.info().pid());
        n.set("leader_info", Json.mesos().valueToTree(master.info()));
        return n;
    }

    /** /master/state-summary. */
    public ObjectNode summary(Term t) {
        ObjectNode n = obj();
        n.put("hostname", master.info().hostname());
        ArrayNode slaves = n.putArray("slaves");
        Map<String, List<TaskEntry>> completedByAgent = new java.util.HashMap<>();
        for (FrameworkEntry f : t.ctx.registry.frameworks.values()) {
            f.completed.forEach(task -> completedByAgent.computeIfAbsent(task.agentId.value(),
                    k -> new ArrayList<>()).add(task));
        }
        for (AgentEntry a : t.ctx.registry.agents.values()) {
            ObjectNode s = slaveSummary(a);
            List<TaskEntry> tasks = new ArrayList<>(a.tasks.values());
            // terminal tasks leave the agent's entry but still count in the summary (TASK_FINISHED etc.)
            tasks.addAll(completedByAgent.getOrDefault(a.id.value(), List.of()));
            counts(s, tasks);
            Set<String> frameworkIds = new LinkedHashSet<>();
            tasks.forEach(task -> frameworkIds.add(task.frameworkId.value()));
            ArrayNode ids = s.putArray("framework_ids");
            frameworkIds.forEach(ids::add);
            slaves.add(s);
        }
        ArrayNode frameworks = n.putArray("frameworks");
        for (FrameworkEntry f : t.ctx.registry.frameworks.values()) {
            ObjectNode fn = framework(f, false);
            List<TaskEntry> tasks = new ArrayList<>(f.tasks.values());
            tasks.addAll(f.completed);
            counts(fn, tasks);
            Set<String> agentIds = new LinkedHashSet<>();
            f.tasks.values().forEach(task -> agentIds.add(task.agentId.value()));
            ArrayNode ids = fn.putArray("slave_ids");
            agentIds.forEach(ids::add);
            frameworks.add(fn);
        }
        return n;
    }

    private static void counts(ObjectNode n, List<TaskEntry> tasks) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        tasks.forEach(task -> counts.merge(task.state, 1, Integer::sum));
        for (TaskState s : SUMMARY_STATES) {
            n.put(s.name(), counts.getOrDefault(s, 0));
        }
    }

    private ObjectNode slaveSummary(AgentEntry a) {
        ObjectNode s = obj();
        s.put("id", a.id.value());
        s.put("pid", a.pid());
        s.put("hostname", a.info.hostname());
        s.put("port", a.info.port());
        s.put("registered_time", a.registeredTime);
        if (a.reregisteredTime != null) {
            s.put("reregistered_time", a.reregisteredTime);
        }
        s.set("resources", flat(a.total));
        s.set("used_resources", flat(a.used()));
        s.set("offered_resources", flat(a.offered));
        ObjectNode reserved = s.putObject("reserved_resources");
        for (String role : a.total.roles()) {
            if (!role.equals("*")) {
                reserved.set(role, flat(a.total.reservedTo(role)));
            }
        }
        s.set("unreserved_resources", flat(a.total.unreserved()));
        s.set("attributes", Json.mesos().valueToTree(ResourceWire.flatAttributes(a.attributes)));
        s.put("active", a.offerable());
        s.put("version", Master.VERSION);
        return s;
    }

    private ObjectNode slave(AgentEntry a) {
        return slaveSummary(a);
    }

    private ObjectNode framework(FrameworkEntry f, boolean full) {
        ObjectNode n = obj();
        n.put("id", f.id.value());
        n.put("name", f.info.name());
        n.put("pid", (String) null);
        Resources used = Resources.EMPTY;
        for (TaskEntry task : f.tasks.values()) {
            used = used.plus(task.resources);
        }
        for (ExecutorEntry e : f.executors.values()) {
            used = used.plus(e.resources);
        }
        Resources offered = Resources.EMPTY;
        for (var o : f.offers.values()) {
            offered = offered.plus(o.resources());
        }
        n.set("used_resources", flat(used));
        n.set("offered_resources", flat(offered));
        ArrayNode caps = n.putArray("capabilities");
        if (f.info.capabilities() != null) {
            f.info.capabilities().stream().filter(c -> c != null && c.type() != null)
                    .forEach(c -> caps.add(c.type().name()));
        }
        n.put("hostname", f.info.hostname() == null ? "" : f.info.hostname());
        n.put("webui_url", f.info.webuiUrl() == null ? "" : f.info.webuiUrl());
        n.put("active", f.connected);
        n.put("connected", f.connected);
        n.put("recovered", f.recovered);
        if (!full) {
            return n;
        }
        n.put("user", f.info.user());
        n.put("failover_timeout", f.info.failoverTimeout() == null ? 0 : f.info.failoverTimeout());
        n.put("checkpoint", Boolean.TRUE.equals(f.info.checkpoint()));
        n.put("role", f.role());
        n.put("registered_time", f.registeredTime);
        n.put("unregistered_time", f.unregisteredTime == null ? 0 : f.unregisteredTime);
        if (f.reregisteredTime != null) {
            n.put("reregistered_time", f.reregisteredTime);
        }
        if (f.info.principal() != null) {
            n.put("principal", f.info.principal());
        }
        n.set("resources", flat(used.plus(offered)));
        ArrayNode tasks = n.putArray("tasks");
        f.tasks.values().forEach(task -> tasks.add(task(task)));
        ArrayNode completed = n.putArray("completed_tasks");
        f.completed.forEach(task -> completed.add(task(task)));
        ArrayNode offers = n.putArray("offers");
        for (var o : f.offers.values()) {
            ObjectNode on = obj();
            on.put("id", o.id().value());
            on.put("framework_id", o.frameworkId().value());
            on.put("slave_id", o.agentId().value());
            on.set("resources", flat(o.resources()));
            offers.add(on);
        }
        ArrayNode executors = n.putArray("executors");
        f.executors.values().forEach(e -> executors.add(executor(e)));
        n.set("labels", f.info.labels() == null ? Json.mesos().createArrayNode()
                : Json.mesos().valueToTree(f.info.labels().labels()));
        return n;
    }

    /** One executor as Mesos' {@code json(ExecutorInfo)} plus {@code slave_id}. */
    static ObjectNode executor(ExecutorEntry e) {
        ObjectNode n = obj();
        n.put("executor_id", e.info.executorId().value());
        n.put("name", e.info.name() == null ? "" : e.info.name());
        n.put("framework_id", e.frameworkId.value());
        n.put("type", e.info.type());
        n.set("resources", flat(e.resources));
        if (e.info.container() != null) {
            n.set("container", Json.mesos().valueToTree(e.info.container()));
        }
        n.put("slave_id", e.agentId.value());
        return n;
    }

    /** One task in the state JSON's shape. */
    static ObjectNode task(TaskEntry t) {
        ObjectNode n = obj();
        n.put("id", t.info.taskId().value());
        n.put("name", t.info.name());
        n.put("framework_id", t.frameworkId.value());
        n.put("executor_id", t.executorId == null ? "" : t.executorId.value());
        n.put("slave_id", t.agentId.value());
        n.put("state", t.state.name());
        n.set("resources", flat(t.resources));
        ArrayNode statuses = n.putArray("statuses");
        for (TaskEntry.StatusRecord s : t.statuses) {
            ObjectNode sn = obj();
            sn.put("state", s.state().name());
            sn.put("timestamp", s.timestamp());
            if (s.healthy() != null) {
                sn.put("healthy", s.healthy());
            }
            statuses.add(sn);
        }
        if (t.latest != null && t.latest.healthy() != null) {
            n.put("healthy", t.latest.healthy());
        }
        if (t.latest != null && t.latest.message() != null) {
            n.put("message", t.latest.message());
        }
        if (t.latest != null && t.latest.reason() != null) {
            n.put("reason", t.latest.reason().name());
        }
        if (t.info.labels() != null && t.info.labels().labels() != null) {
            n.set("labels", Json.mesos().valueToTree(t.info.labels().labels()));
        }
        if (t.info.discovery() != null) {
            n.set("discovery", Json.mesos().valueToTree(t.info.discovery()));
        }
        if (t.info.container() != null) {
            n.set("container", Json.mesos().valueToTree(t.info.container()));
        }
        return n;
    }

    /** /master/slaves. */
    public ObjectNode slaves(Term t) {
        ObjectNode n = obj();
        ArrayNode slaves = n.putArray("slaves");
        t.ctx.registry.agents.values().forEach(a -> slaves.add(slave(a)));
        return n;
    }

    /** /master/frameworks. */
    public ObjectNode frameworks(Term t) {
        ObjectNode n = obj();
        ArrayNode frameworks = n.putArray("frameworks");
        t.ctx.registry.frameworks.values().forEach(f -> frameworks.add(framework(f, true)));
        ArrayNode completed = n.putArray("completed_frameworks");
        t.ctx.registry.completedFrameworks.values().forEach(f -> completed.add(framework(f, true)));
        n.putArray("unregistered_frameworks");
        return n;
    }

    /** /master/tasks with {@code limit} (default 100), {@code offset} and {@code order} (asc|des). */
    public ObjectNode tasks(Term t, Context ctx) {
        int limit = intParam(ctx, "limit", 100);
        int offset = intParam(ctx, "offset", 0);
        String order = ctx.queryParam("order") == null ? "des" : ctx.queryParam("order");
        if (!order.equals("asc") && !order.equals("des")) {
            throw ApiException.badRequest("Query parameter 'order' must be 'asc' or 'des', not '" + order + "'");
        }
        List<TaskEntry> all = new ArrayList<>();
        for (FrameworkEntry f : t.ctx.registry.frameworks.values()) {
            all.addAll(f.tasks.values());
            all.addAll(f.completed);
        }
        for (FrameworkEntry f : t.ctx.registry.completedFrameworks.values()) {
            all.addAll(f.completed);
        }
        Comparator<TaskEntry> byStart = Comparator.comparingDouble(
                e -> e.statuses.isEmpty() ? 0 : e.statuses.get(0).timestamp());
        all.sort(order.equals("asc") ? byStart : byStart.reversed());
        ObjectNode n = obj();
        ArrayNode tasks = n.putArray("tasks");
        all.stream().skip(offset).limit(limit).forEach(task -> tasks.add(task(task)));
        return n;
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be a non-negative integer, not '"
                    + v + "'");
        }
    }
}
