package io.strata.agent.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.agent.Agent;
import io.strata.agent.Container;
import io.strata.agent.exec.ExecRoutes;
import io.strata.agent.sandbox.FileChunk;
import io.strata.agent.sandbox.FileEntry;
import io.strata.agent.sandbox.SandboxAccessException;
import io.strata.agent.sandbox.SandboxFiles;
import io.strata.api.json.Json;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.server.ApiException;
import io.strata.server.wire.ResourceWire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Routes of the agent. */
public final class AgentRoutes {
    private final Agent agent;
    private final SandboxFiles files;

    public AgentRoutes(Agent agent) {
        this.agent = agent;
        this.files = new SandboxFiles(agent.paths().workDir());
    }

    public void register(RoutesConfig r) {
        for (String path : new String[] {"/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json"}) {
            r.get(path, ctx -> ctx.contentType("application/json").result(Json.toBytes(state())));
        }
        r.get("/files/browse", this::browse);
        r.get("/files/browse.json", this::browse);
        r.get("/files/read", this::read);
        r.get("/files/read.json", this::read);
        r.get("/health", ctx -> ctx.status(200));
        r.get("/metrics/snapshot", ctx -> ctx.json(metrics()));
        // entering running tasks: exec and port-forward over WebSocket (docs/agent-exec.md)
        new ExecRoutes(agent).register(r);
    }

    private ObjectNode state() {
        ObjectNode n = Json.mesos().createObjectNode();
        n.put("version", Agent.VERSION);
        n.put("id", agent.id() == null ? "" : agent.id().value());
        n.put("pid", "slave(1)@" + agent.config().host() + ":" + agent.port());
        n.put("hostname", agent.config().host());
        n.put("start_time", agent.startTime());
        n.set("resources", Json.mesos().valueToTree(agent.resources().flatMap()));
        n.set("attributes", Json.mesos().valueToTree(ResourceWire.flatAttributes(agent.attributes())));
        ObjectNode flags = n.putObject("flags");
        flags.put("work_dir", agent.paths().workDir().toString());
        flags.put("master", agent.config().master());
        flags.put("isolation", agent.config().isolation());
        // as in Mesos: a framework with a live executor here is under "frameworks" (its ended executors under
        // its "completed_executors"); a framework with only ended ones is under "completed_frameworks"
        Map<Container, TaskStatus> latest = new LinkedHashMap<>();
        agent.containers().completed().forEach(c -> latest.put(c, c.lastStatus().orElse(null)));
        agent.containers().all().forEach(c -> latest.put(c, agent.containers().latest(c).or(c::lastStatus)
                .orElse(null)));
        Set<String> live = new HashSet<>();
        latest.forEach((c, status) -> {
            if (!ended(status)) {
                live.add(c.framework.id().value());
            }
        });
        Map<String, ObjectNode> frameworks = new LinkedHashMap<>();
        Map<String, ObjectNode> completed = new LinkedHashMap<>();
        latest.forEach((c, status) -> addExecutor(live.contains(c.framework.id().value()) ? frameworks : completed,
                c, status, ended(status)));
        ArrayNode fa = n.putArray("frameworks");
        frameworks.values().forEach(fa::add);
        ArrayNode ca = n.putArray("completed_frameworks");
        completed.values().forEach(ca::add);
        return n;
    }

    private static boolean ended(TaskStatus status) {
        return status != null && status.state().isTerminal();
    }

    private void addExecutor(Map<String, ObjectNode> into, Container c, TaskStatus latest, boolean done) {
        ObjectNode f = into.computeIfAbsent(c.framework.id().value(), k -> {
            ObjectNode fn = Json.mesos().createObjectNode();
            fn.put("id", k);
            fn.put("name", c.framework.name());
            fn.put("role", c.framework.role() == null ? "*" : c.framework.role());
            fn.putArray("executors");
            fn.putArray("completed_executors");
            return fn;
        });
        ArrayNode list = (ArrayNode) f.get(done ? "completed_executors" : "executors");
        ObjectNode e = null;
        for (var existing : list) {
            // the tasks of one group share their executor's entry
            if (c.inGroup() && existing.path("container").asText().equals(c.executorContainerId().value())) {
                e = (ObjectNode) existing;
            }
        }
        if (e == null) {
            e = Json.mesos().createObjectNode();
            e.put("id", c.executorId());
            e.put("name", c.inGroup() ? "Default Executor (Executor: " + c.executorId() + ")"
                    : "Command Executor (Task: " + c.task.taskId().value() + ")");
            if (c.inGroup()) {
                e.put("type", "DEFAULT");
            }
            e.put("container", c.executorContainerId().value());
            e.put("directory", c.executorSandbox().toString());
            e.put("framework_id", c.framework.id().value());
            e.set("resources", Json.mesos().valueToTree(c.executorResources().flatMap()));
            e.putArray("tasks");
            e.putArray("completed_tasks");
            e.putArray("queued_tasks");
            list.add(e);
        }
        ObjectNode t = Json.mesos().createObjectNode();
        t.put("id", c.task.taskId().value());
        t.put("name", c.task.name());
        t.put("framework_id", c.framework.id().value());
        t.put("executor_id", c.executorId());
        t.put("slave_id", agent.id() == null ? "" : agent.id().value());
        t.put("state", latest == null ? TaskState.TASK_STAGING.name() : latest.state().name());
        t.set("resources", Json.mesos().valueToTree(c.resources.flatMap()));
        if (c.inGroup()) {
            t.put("directory", c.sandbox.toString());
        }
        ((ArrayNode) e.get(done ? "completed_tasks" : "tasks")).add(t);
    }

    private Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slave/registered", agent.connected() ? 1 : 0);
        m.put("slave/uptime_secs", System.currentTimeMillis() / 1000.0 - agent.startTime());
        long running = agent.containers().all().stream().filter(c -> !c.isTerminated()).count();
        m.put("slave/tasks_running", running);
        m.put("slave/cpus_total", agent.resources().scalar("cpus").asDouble());
        m.put("slave/mem_total", agent.resources().scalar("mem").asDouble());
        m.put("slave/disk_total", agent.resources().scalar("disk").asDouble());
        return m;
    }

    private Path pathParam(Context ctx) {
        String path = ctx.queryParam("path");
        if (path == null || path.isEmpty()) {
            throw ApiException.badRequest("Expecting 'path' query parameter");
        }
        return Path.of(path);
    }

    private void browse(Context ctx) {
        try {
            ArrayNode out = Json.mesos().createArrayNode();
            for (FileEntry e : files.browse(pathParam(ctx))) {
                ObjectNode n = out.addObject();
                n.put("path", e.path().toString());
                n.put("size", e.size());
                n.put("mode", e.mode());
                n.put("mtime", e.mtimeSeconds());
                n.put("nlink", e.nlink());
                n.put("uid", e.uid());
                n.put("gid", e.gid());
            }
            ctx.contentType("application/json").result(Json.toBytes(out));
        } catch (SandboxAccessException e) {
            throw mapped(e);
        }
    }

    private void read(Context ctx) {
        long offset = longParam(ctx, "offset", -1);
        long length = longParam(ctx, "length", -1);
        try {
            FileChunk chunk = files.read(pathParam(ctx), offset, length);
            ObjectNode n = Json.mesos().createObjectNode();
            n.put("data", new String(chunk.data(), StandardCharsets.UTF_8));
            n.put("offset", chunk.offset());
            ctx.contentType("application/json").result(Json.toBytes(n));
        } catch (SandboxAccessException e) {
            throw mapped(e);
        }
    }

    private static long longParam(Context ctx, String name, long dflt) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be an integer, not '" + v + "'");
        }
    }

    private static ApiException mapped(SandboxAccessException e) {
        return switch (e.reason()) {
            case OUTSIDE_WORK_DIR -> ApiException.forbidden(e.getMessage());
            case NOT_FOUND -> ApiException.notFound(e.getMessage());
            default -> ApiException.badRequest(e.getMessage());
        };
    }
}
