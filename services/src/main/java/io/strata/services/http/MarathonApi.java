package io.strata.services.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.api.json.Json;
import io.strata.services.engine.AppCommands;
import io.strata.services.engine.EventBus;
import io.strata.services.engine.GroupCommands;
import io.strata.services.groups.GroupUpdate;
import io.strata.services.engine.ServicesEngine;
import io.strata.services.engine.ServicesState;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import io.strata.services.wire.AppReader;
import io.strata.services.wire.AppWriter;
import io.strata.services.wire.DeploymentJson;
import io.strata.services.wire.GroupReader;
import io.strata.services.wire.MarathonException;
import io.strata.services.wire.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Marathon's v2 REST API over the engine: apps, tasks, deployments, queue, groups, info, leader, ping and the
 * event stream. Errors are Marathon-shaped JSON ({@link MarathonException}); malformed or mistyped JSON is a 422
 * {@code "Invalid JSON"}. On a standby every call is forwarded to the leader ({@link LeaderProxy}), except
 * {@code /v2/events}, which is redirected (307), and {@code /ping} and {@code /v2/leader}, answered locally.
 */
public final class MarathonApi {
    private static final ObjectMapper MAPPER = Json.camel().copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
    private static final String APPS = "/v2/apps/";

    private final Leadership leadership;
    private final EventBus events;
    private final Supplier<Map<String, Object>> info;
    private final LeaderProxy proxy = new LeaderProxy();

    /**
     * An API.
     *
     * @param leadership the engine while leading, else where the leader is
     * @param events the event bus {@code /v2/events} subscribes to
     * @param info the body of {@code /v2/info} (computed per request)
     */
    public MarathonApi(Leadership leadership, EventBus events, Supplier<Map<String, Object>> info) {
        this.leadership = leadership;
        this.events = events;
        this.info = info;
    }

    /** Registers the routes and the error mapping. */
    public void register(RoutesConfig r) {
        r.exception(MarathonException.class, (e, ctx) -> json(ctx, e.status(), e.body()));
        r.get("/ping", ctx -> ctx.contentType("text/plain; charset=utf-8").result("pong"));
        r.get("/v2/leader", this::leader);
        r.get("/v2/info", ctx -> leaderOnly(ctx, e -> json(ctx, 200, info.get())));
        r.get("/v2/events", this::events);
        r.get("/metrics", ctx -> leaderOnly(ctx, e -> json(ctx, 200, e.metrics().toJson())));
        r.get("/v2/apps", ctx -> leaderOnly(ctx, e -> AppsResource.list(ctx, e)));
        r.post("/v2/apps", ctx -> leaderOnly(ctx, e -> create(ctx, e)));
        r.get("/v2/apps/<rest>", ctx -> leaderOnly(ctx, e -> app(ctx, e)));
        r.put("/v2/apps/<rest>", ctx -> leaderOnly(ctx, e -> app(ctx, e)));
        r.patch("/v2/apps/<rest>", ctx -> leaderOnly(ctx, e -> app(ctx, e)));
        r.delete("/v2/apps/<rest>", ctx -> leaderOnly(ctx, e -> app(ctx, e)));
        r.post("/v2/apps/<rest>", ctx -> leaderOnly(ctx, e -> app(ctx, e)));
        r.get("/v2/tasks", ctx -> leaderOnly(ctx, e -> AppsResource.tasks(ctx, e)));
        r.post("/v2/tasks/delete", ctx -> leaderOnly(ctx, e -> deleteTasks(ctx, e)));
        r.get("/v2/deployments", ctx -> leaderOnly(ctx, e -> json(ctx, 200,
                e.state().deployments().stream().map(DeploymentJson::deployment).toList())));
        r.delete("/v2/deployments/{id}", ctx -> leaderOnly(ctx, e -> cancel(ctx, e)));
        r.get("/v2/queue", ctx -> leaderOnly(ctx, e -> json(ctx, 200, QueueJson.queue(e.state()))));
        r.delete("/v2/queue/<rest>", ctx -> leaderOnly(ctx, e -> resetDelay(ctx, e)));
        r.get("/v2/groups", ctx -> leaderOnly(ctx, e -> json(ctx, 200, GroupsJson.group(e.state(), PathId.ROOT))));
        r.get("/v2/groups/<rest>", ctx -> leaderOnly(ctx, e -> json(ctx, 200,
                GroupsJson.group(e.state(), parseId(ctx.pathParam("rest"))))));
        r.post("/v2/groups", ctx -> leaderOnly(ctx, e -> createGroup(ctx, e, PathId.ROOT)));
        r.post("/v2/groups/<rest>", ctx -> leaderOnly(ctx, e -> createGroup(ctx, e, parseId(ctx.pathParam("rest")))));
        r.put("/v2/groups", ctx -> leaderOnly(ctx, e -> updateGroup(ctx, e, PathId.ROOT)));
        r.put("/v2/groups/<rest>", ctx -> leaderOnly(ctx, e -> updateGroup(ctx, e, parseId(ctx.pathParam("rest")))));
        r.delete("/v2/groups", ctx -> leaderOnly(ctx, e -> json(ctx, 200,
                e.groupCommands().delete(PathId.ROOT, force(ctx)).reply())));
        r.delete("/v2/groups/<rest>", ctx -> leaderOnly(ctx, e -> json(ctx, 200,
                e.groupCommands().delete(parseId(ctx.pathParam("rest")), force(ctx)).reply())));
    }

    /** A handler that needs the engine. */
    private interface EngineHandler {
        void handle(ServicesEngine engine) throws Exception;
    }

    private void leaderOnly(Context ctx, EngineHandler handler) throws Exception {
        ServicesEngine engine = leadership.engine().orElse(null);
        if (engine != null) {
            handler.handle(engine);
            return;
        }
        String leader = leadership.leader().orElseThrow(() -> MarathonException.of(503, "Could not determine the current leader"));
        proxy.forward(ctx, leader);
    }

    private void leader(Context ctx) {
        String leader = leadership.leader().orElseThrow(() -> MarathonException.of(404, "There is no leader"));
        json(ctx, 200, Map.of("leader", leader));
    }

    private void events(Context ctx) {
        if (leadership.engine().isEmpty()) {
            String leader = leadership.leader().orElseThrow(() -> MarathonException.of(503, "Could not determine the current leader"));
            String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
            ctx.status(307).header("Location", "http://" + leader + ctx.path() + query);
            return;
        }
        String accept = ctx.header("Accept");
        if (accept != null && !accept.contains("text/event-stream") && !accept.contains("*/*")) {
            throw MarathonException.of(405, "Accept header must be text/event-stream");
        }
        List<String> filter = ctx.queryParams("event_type");
        SseStream stream = new SseStream();
        Runnable unsubscribe = events.subscribe(event -> {
            String type = String.valueOf(event.get("eventType"));
            if (filter.isEmpty() || filter.contains(type)) {
                stream.send(type, write(event));
            }
        });
        Map<String, Object> attached = new LinkedHashMap<>();
        attached.put("remoteAddress", ctx.ip());
        attached.put("eventType", "event_stream_attached");
        attached.put("timestamp", AppWriter.time(java.time.Instant.now()));
        stream.send("event_stream_attached", write(attached));
        try {
            stream.serve(ctx);
        } finally {
            unsubscribe.run();
        }
    }

    private void create(Context ctx, ServicesEngine engine) {
        JsonNode body = body(ctx);
        AppDefinition app = AppReader.read(body, null);
        AppCommands.Change change = engine.commands().create(app);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("clientIp", ctx.ip());
        event.put("uri", ctx.path());
        event.put("appDefinition", AppWriter.definition(change.app()));
        events.publish("api_post_event", event);
        ctx.header("Location", "/v2/apps" + change.app().id());
        Map<String, Object> reply = AppWriter.definition(change.app());
        reply.put("deployments", List.of(Map.of("id", change.deployment().id())));
        reply.put("tasks", List.of());
        json(ctx, 201, AppsResource.withCounts(reply, change.app(), List.of()));
    }

    /** {@code POST /v2/groups[/{id}]}: 201 with {@code Location}; 409 when the group exists. */
    private void createGroup(Context ctx, ServicesEngine engine, PathId base) {
        GroupUpdate update = GroupReader.read(body(ctx), base);
        GroupCommands.GroupChange change = engine.groupCommands().create(update, force(ctx));
        ctx.header("Location", "/v2/groups" + update.id());
        json(ctx, 201, change.reply());
    }

    /** {@code PUT /v2/groups[/{id}]}: creates or changes the group, or scales it with {@code scaleBy}. */
    private void updateGroup(Context ctx, ServicesEngine engine, PathId base) {
        GroupUpdate update = GroupReader.read(body(ctx), base);
        json(ctx, 200, engine.groupCommands().update(update, force(ctx)).reply());
    }

    /** Dispatches {@code /v2/apps/<id>[/tasks[/<taskId>]|/restart|/versions[/<v>]]}. */
    private void app(Context ctx, ServicesEngine engine) {
        String rest = ctx.path().substring(APPS.length());
        String method = ctx.method().name();
        String[] suffixes = {"/tasks", "/restart", "/versions"};
        for (String suffix : suffixes) {
            int at = rest.lastIndexOf(suffix);
            if (at < 0) {
                continue;
            }
            String tail = rest.substring(at + suffix.length());
            if (!tail.isEmpty() && (!tail.startsWith("/") || tail.substring(1).contains("/"))) {
                continue;
            }
            PathId id = parseId(rest.substring(0, at));
            String item = tail.isEmpty() ? null : tail.substring(1);
            switch (suffix + ":" + method) {
                case "/tasks:GET" -> AppsResource.appTasks(ctx, engine, id);
                case "/tasks:DELETE" -> killAppTasks(ctx, engine, id, item);
                case "/restart:POST" -> json(ctx, 200, engine.commands().restart(id, force(ctx)).reply());
                case "/versions:GET" -> AppsResource.versions(ctx, engine, id, item);
                default -> throw MarathonException.of(405, "Method " + method + " not allowed on " + ctx.path());
            }
            return;
        }
        PathId id = parseId(rest);
        switch (method) {
            case "GET" -> AppsResource.one(ctx, engine, id);
            case "PUT", "PATCH" -> update(ctx, engine, id);
            case "DELETE" -> json(ctx, 200, engine.commands().delete(id, force(ctx)).reply());
            default -> throw MarathonException.of(405, "Method " + method + " not allowed on " + ctx.path());
        }
    }

    private void update(Context ctx, ServicesEngine engine, PathId id) {
        JsonNode body = body(ctx);
        if (!body.isObject()) {
            AppReader.read(body, id);
        }
        AppDefinition existing = engine.state().app(id);
        ObjectNode merged = existing == null ? MAPPER.createObjectNode()
                : MAPPER.valueToTree(AppWriter.definition(existing));
        if (existing != null && body.has("portDefinitions") || body.has("ports")) {
            merged.remove("ports");
            merged.remove("portDefinitions");
        }
        if (body.has("fetch") || body.has("uris")) {
            merged.remove("uris");
            merged.remove("fetch");
        }
        if (body.has("cmd") && !body.get("cmd").isNull()) {
            merged.remove("args");
        }
        if (body.has("args") && !body.get("args").isNull()) {
            merged.remove("cmd");
        }
        body.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        merged.put("id", id.toString());
        if (body.has("id") && body.get("id").isTextual() && !PathId.parse(body.get("id").asText(), id.parent()).equals(id)) {
            Violations v = new Violations();
            v.add("/id", "The id in the body must match the app id in the URL");
            v.throwIfAny();
        }
        AppDefinition app = AppReader.read(merged, id);
        json(ctx, 200, engine.commands().update(app, force(ctx)).reply());
    }

    private void killAppTasks(Context ctx, ServicesEngine engine, PathId id, String taskId) {
        if (engine.state().app(id) == null) {
            throw MarathonException.unknownApp(id);
        }
        boolean scale = Boolean.parseBoolean(ctx.queryParam("scale"));
        String host = ctx.queryParam("host");
        List<String> ids = taskId != null ? List.of(taskId) : engine.state().instancesOf(id).stream()
                .filter(i -> host == null || host.equals(i.host())).map(i -> i.taskId()).toList();
        var killed = ids.stream().map(t -> engine.state().instance(t)).filter(java.util.Objects::nonNull).toList();
        if (taskId != null && killed.isEmpty()) {
            throw MarathonException.of(404, "Task '" + taskId + "' does not exist");
        }
        List<AppCommands.Change> changes = engine.commands().killTasks(ids, scale, force(ctx));
        if (scale && !changes.isEmpty()) {
            json(ctx, 200, changes.get(0).reply());
        } else if (taskId != null) {
            json(ctx, 200, Map.of("task", AppWriter.task(killed.get(0), engine.state().app(id))));
        } else {
            json(ctx, 200, Map.of("tasks", killed.stream().map(i -> AppWriter.task(i, engine.state().app(id))).toList()));
        }
    }

    private void deleteTasks(Context ctx, ServicesEngine engine) {
        JsonNode body = body(ctx);
        JsonNode ids = body.get("ids");
        if (ids == null || !ids.isArray()) {
            Violations v = new Violations();
            v.typeError("/ids", "error.path.missing");
            v.throwIfAny();
        }
        List<String> taskIds = new ArrayList<>();
        ids.forEach(n -> taskIds.add(n.asText()));
        for (String taskId : taskIds) {
            if (engine.state().instance(taskId) == null) {
                throw MarathonException.of(400, "Unknown task id: " + taskId);
            }
        }
        boolean scale = Boolean.parseBoolean(ctx.queryParam("scale"));
        List<AppCommands.Change> changes = engine.commands().killTasks(taskIds, scale, force(ctx));
        if (scale && !changes.isEmpty()) {
            json(ctx, 200, changes.get(0).reply());
        } else {
            json(ctx, 200, Map.of());
        }
    }

    private void cancel(Context ctx, ServicesEngine engine) {
        AppCommands.Change change = engine.commands().cancelDeployment(ctx.pathParam("id"), force(ctx));
        if (change == null) {
            ctx.status(202);
        } else {
            json(ctx, 200, change.reply());
        }
    }

    private void resetDelay(Context ctx, ServicesEngine engine) {
        String rest = ctx.pathParam("rest");
        if (!rest.endsWith("/delay")) {
            throw MarathonException.of(404, "Not found");
        }
        engine.commands().resetDelay(parseId(rest.substring(0, rest.length() - "/delay".length())));
        ctx.status(204);
    }

    static PathId parseId(String text) {
        try {
            return PathId.parse(text);
        } catch (IllegalArgumentException e) {
            Violations v = new Violations();
            v.add("/id", e.getMessage());
            v.throwIfAny();
            throw e;
        }
    }

    private static boolean force(Context ctx) {
        return Boolean.parseBoolean(ctx.queryParam("force"));
    }

    /** Parses the body; malformed JSON is Marathon's 422 "Invalid JSON" with the parser's message at path "/". */
    static JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        try {
            JsonNode node = bytes.length == 0 ? null : MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                Violations v = new Violations();
                v.typeError("/", "error.expected.jsobject");
                v.throwIfAny();
            }
            return node;
        } catch (JsonProcessingException e) {
            Violations v = new Violations();
            v.typeError("/", "Unexpected JSON: " + e.getOriginalMessage());
            v.throwIfAny();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw MarathonException.of(400, "cannot read the request body");
        }
    }

    /** Writes {@code value} as JSON with {@code status}. */
    static void json(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(write(value));
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The state for resources that only read. */
    static ServicesState state(ServicesEngine engine) {
        return engine.state();
    }
}
