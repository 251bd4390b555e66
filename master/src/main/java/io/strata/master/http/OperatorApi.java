package io.strata.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.master.Master;
import io.strata.master.engine.Term;
import io.strata.master.engine.V1Json;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.server.ApiException;
import io.strata.server.EventStream;
import java.util.UUID;

/**
 * The v1 operator API ({@code POST /api/v1}): GET_HEALTH, GET_VERSION, GET_STATE, GET_AGENTS, GET_TASKS,
 * GET_FRAMEWORKS, SUBSCRIBE (a RecordIO event stream starting with SUBSCRIBED carrying the whole state), and
 * Strata's KILL_TASK extension for operators ({@code {"type":"KILL_TASK","kill_task":{"task_id":{"value":..}}}}).
 */
public final class OperatorApi {
    private final Master master;
    private final MasterRoutes routes;

    OperatorApi(Master master, MasterRoutes routes) {
        this.master = master;
        this.routes = routes;
    }

    void handle(Context ctx) {
        MasterRoutes.requireJson(ctx);
        JsonNode call = MasterRoutes.parse(ctx, JsonNode.class);
        if (!call.isObject()) {
            throw ApiException.badRequest("Malformed JSON: expecting a call object in the request body");
        }
        String type = call.path("type").asText("");
        if (type.isEmpty()) {
            throw ApiException.badRequest("Failed to validate master::Call: Expecting 'type' to be present");
        }
        if (type.equals("GET_HEALTH")) {
            ObjectNode n = response("GET_HEALTH");
            n.putObject("get_health").put("healthy", true);
            ctx.json(n);
            return;
        }
        if (type.equals("GET_VERSION")) {
            ObjectNode n = response("GET_VERSION");
            n.putObject("get_version").putObject("version_info").put("version", Master.VERSION);
            ctx.json(n);
            return;
        }
        Term t;
        try {
            t = routes.requireLeader(ctx);
        } catch (MasterRoutes.Redirect r) {
            ctx.status(307).header("Location", r.location);
            return;
        }
        switch (type) {
            case "GET_STATE" -> send(ctx, master.loop().call(() -> {
                ObjectNode n = response(type);
                n.set("get_state", state(t));
                return n;
            }));
            case "GET_AGENTS" -> send(ctx, master.loop().call(() -> {
                ObjectNode n = response(type);
                n.set("get_agents", agents(t));
                return n;
            }));
            case "GET_TASKS" -> send(ctx, master.loop().call(() -> {
                ObjectNode n = response(type);
                n.set("get_tasks", tasks(t));
                return n;
            }));
            case "GET_FRAMEWORKS" -> send(ctx, master.loop().call(() -> {
                ObjectNode n = response(type);
                n.set("get_frameworks", frameworks(t));
                return n;
            }));
            case "SUBSCRIBE" -> subscribe(ctx, t);
            case "KILL_TASK" -> killTask(ctx, t, call);
            default -> throw ApiException.badRequest("Unsupported master::Call type '" + type + "'");
        }
    }

    private static void send(Context ctx, ObjectNode body) {
        ctx.contentType("application/json").result(Json.toBytes(body));
    }

    private static ObjectNode response(String type) {
        ObjectNode n = Json.mesos().createObjectNode();
        n.put("type", type);
        return n;
    }

    private void subscribe(Context ctx, Term t) {
        EventStream stream = new EventStream(UUID.randomUUID().toString());
        master.loop().call(() -> {
            ObjectNode event = response("SUBSCRIBED");
            ObjectNode subscribed = event.putObject("subscribed");
            subscribed.set("get_state", state(t));
            subscribed.put("heartbeat_interval_seconds", master.config().heartbeatInterval().toMillis() / 1000.0);
            stream.send(Json.toBytes(event));
            master.events().add(stream);
            return null;
        });
        stream.serve(ctx, "application/json");
    }

    private void killTask(Context ctx, Term t, JsonNode call) {
        String taskId = call.path("kill_task").path("task_id").path("value").asText("");
        if (taskId.isEmpty()) {
            throw ApiException.badRequest("Expecting 'kill_task.task_id.value' to be present");
        }
        String frameworkId = call.path("kill_task").path("framework_id").path("value").asText("");
        master.loop().call(() -> {
            for (FrameworkEntry f : t.ctx.registry.frameworks.values()) {
                if (!frameworkId.isEmpty() && !f.id.value().equals(frameworkId)) {
                    continue;
                }
                for (TaskEntry task : f.tasks.values()) {
                    if (task.info.taskId().value().equals(taskId)) {
                        AgentEntry a = t.ctx.registry.agents.get(task.agentId.value());
                        if (a == null || !t.ctx.send(a, AgentEvent.killTask(
                                new AgentEvent.KillTask(f.id, task.info.taskId(), task.info.killPolicy())))) {
                            throw ApiException.conflict("Task " + taskId + " is on agent " + task.agentId.value()
                                    + ", which is not connected");
                        }
                        return null;
                    }
                }
            }
            throw ApiException.notFound("No active task with id '" + taskId + "'");
        });
        ctx.status(202);
    }

    private static ObjectNode state(Term t) {
        ObjectNode n = Json.mesos().createObjectNode();
        n.set("get_tasks", tasks(t));
        var executors = n.putObject("get_executors").putArray("executors");
        for (var f : t.ctx.registry.frameworks.values()) {
            for (var e : f.executors.values()) {
                ObjectNode en = executors.addObject();
                en.set("executor_info", Json.mesos().valueToTree(e.info));
                en.set("agent_id", Json.mesos().valueToTree(e.agentId));
            }
        }
        n.set("get_frameworks", frameworks(t));
        n.set("get_agents", agents(t));
        return n;
    }

    private static ObjectNode agents(Term t) {
        ObjectNode n = Json.mesos().createObjectNode();
        ArrayNode agents = n.putArray("agents");
        t.ctx.registry.agents.values().forEach(a -> agents.add(V1Json.agent(a)));
        n.putArray("recovered_agents");
        return n;
    }

    private static ObjectNode tasks(Term t) {
        ObjectNode n = Json.mesos().createObjectNode();
        n.putArray("pending_tasks");
        ArrayNode tasks = n.putArray("tasks");
        ArrayNode unreachable = n.putArray("unreachable_tasks");
        ArrayNode completed = n.putArray("completed_tasks");
        for (FrameworkEntry f : t.ctx.registry.frameworks.values()) {
            for (TaskEntry task : f.tasks.values()) {
                (task.state == io.strata.api.mesos.TaskState.TASK_UNREACHABLE ? unreachable : tasks)
                        .add(V1Json.task(task));
            }
            f.completed.forEach(task -> completed.add(V1Json.task(task)));
        }
        n.putArray("orphan_tasks");
        return n;
    }

    private static ObjectNode frameworks(Term t) {
        ObjectNode n = Json.mesos().createObjectNode();
        ArrayNode frameworks = n.putArray("frameworks");
        t.ctx.registry.frameworks.values().forEach(f -> frameworks.add(V1Json.framework(f)));
        ArrayNode completed = n.putArray("completed_frameworks");
        t.ctx.registry.completedFrameworks.values().forEach(f -> completed.add(V1Json.framework(f)));
        return n;
    }
}
