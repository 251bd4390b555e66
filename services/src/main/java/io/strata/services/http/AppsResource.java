package io.strata.services.http;

import io.javalin.http.Context;
import io.strata.services.engine.ServicesEngine;
import io.strata.services.engine.ServicesState;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import io.strata.services.store.ServicesStore;
import io.strata.services.wire.AppCodec;
import io.strata.services.wire.AppWriter;
import io.strata.services.wire.MarathonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side of {@code /v2/apps} and {@code /v2/tasks}: filters ({@code id}, {@code cmd}, {@code label}
 * selectors), {@code embed} options, counts, deployments, last task failure, versions, and the task lists (JSON or
 * Marathon's tab-separated text form).
 */
final class AppsResource {
    private static final TaskJsonCache TASKS = new TaskJsonCache();

    private AppsResource() {
    }

    static void list(Context ctx, ServicesEngine engine) {
        ServicesState state = engine.state();
        Set<String> embed = Set.copyOf(ctx.queryParams("embed"));
        String idFilter = ctx.queryParam("id");
        String cmdFilter = ctx.queryParam("cmd");
        LabelSelector labels = LabelSelector.parse(ctx.queryParam("label"));
        Map<PathId, List<Instance>> byApp = state.instancesByApp();
        List<Map<String, Object>> apps = new ArrayList<>();
        for (AppDefinition app : state.apps()) {
            if (idFilter != null && !app.id().toString().toLowerCase().contains(idFilter.toLowerCase())
                    || cmdFilter != null && (app.cmd() == null || !app.cmd().contains(cmdFilter))
                    || !labels.matches(app.labels())) {
                continue;
            }
            List<Instance> instances = byApp.getOrDefault(app.id(), List.of());
            Map<String, Object> json = status(state, app, instances);
            if (embed.contains("apps.tasks") || embed.contains("app.tasks")) {
                json.put("tasks", TASKS.tasks(instances, app));
            }
            if (embed.contains("apps.lastTaskFailure") && state.lastTaskFailure(app.id()) != null) {
                json.put("lastTaskFailure", state.lastTaskFailure(app.id()));
            }
            apps.add(json);
        }
        TASKS.prune(state.instances().size(), state::instance);
        MarathonApi.json(ctx, 200, Map.of("apps", apps));
    }

    static void one(Context ctx, ServicesEngine engine, PathId id) {
        ServicesState state = engine.state();
        AppDefinition app = state.app(id);
        if (app == null) {
            throw MarathonException.unknownApp(id);
        }
        List<Instance> instances = state.instancesOf(id);
        Map<String, Object> json = status(state, app, instances);
        json.put("tasks", instances.stream().map(i -> AppWriter.task(i, app)).toList());
        if (state.lastTaskFailure(id) != null) {
            json.put("lastTaskFailure", state.lastTaskFailure(id));
        }
        MarathonApi.json(ctx, 200, Map.of("app", json));
    }

    /** The definition plus counts and deployments. */
    private static Map<String, Object> status(ServicesState state, AppDefinition app, List<Instance> instances) {
        Map<String, Object> json = AppWriter.definition(app);
        Deployment deployment = state.deploymentOf(app.id());
        json.put("deployments", deployment == null ? List.of() : List.of(Map.of("id", deployment.id())));
        return withCounts(json, app, instances);
    }

    /** Adds {@code tasksStaged, tasksRunning, tasksHealthy, tasksUnhealthy}. */
    static Map<String, Object> withCounts(Map<String, Object> json, AppDefinition app, List<Instance> instances) {
        int staged = 0;
        int running = 0;
        int healthy = 0;
        int unhealthy = 0;
        for (Instance instance : instances) {
            if (instance.condition() == Condition.RUNNING) {
                running++;
            } else if (!instance.condition().isTerminal()) {
                staged++;
            }
            if (Boolean.TRUE.equals(instance.healthy())) {
                healthy++;
            } else if (Boolean.FALSE.equals(instance.healthy())) {
                unhealthy++;
            }
        }
        json.put("tasksStaged", staged);
        json.put("tasksRunning", running);
        json.put("tasksHealthy", healthy);
        json.put("tasksUnhealthy", unhealthy);
        return json;
    }

    static void appTasks(Context ctx, ServicesEngine engine, PathId id) {
        AppDefinition app = engine.state().app(id);
        if (app == null) {
            throw MarathonException.unknownApp(id);
        }
        List<Instance> instances = engine.state().instancesOf(id);
        if (wantsText(ctx)) {
            ctx.contentType("text/plain; charset=utf-8").result(text(Map.of(id, instances), engine.state()));
            return;
        }
        MarathonApi.json(ctx, 200, Map.of("tasks", instances.stream().map(i -> AppWriter.task(i, app)).toList()));
    }

    static void tasks(Context ctx, ServicesEngine engine) {
        ServicesState state = engine.state();
        List<String> statuses = ctx.queryParams("status");
        Map<PathId, List<Instance>> byApp = state.instancesByApp();
        if (wantsText(ctx)) {
            ctx.contentType("text/plain; charset=utf-8").result(text(byApp, state));
            return;
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        byApp.forEach((id, instances) -> instances.stream()
                .filter(i -> statuses.isEmpty() || statuses.contains(statusName(i)))
                .forEach(i -> tasks.add(AppWriter.task(i, state.app(id)))));
        MarathonApi.json(ctx, 200, Map.of("tasks", tasks));
    }

    private static String statusName(Instance instance) {
        return instance.condition() == Condition.RUNNING ? "running" : "staging";
    }

    private static boolean wantsText(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/plain") && !accept.contains("application/json");
    }

    /** Marathon's text form: {@code appId<TAB>servicePort<TAB>host:port...} per app and service port. */
    private static String text(Map<PathId, List<Instance>> byApp, ServicesState state) {
        StringBuilder out = new StringBuilder();
        byApp.forEach((id, instances) -> {
            AppDefinition app = state.app(id);
            int ports = app == null ? 0 : app.portDefinitions().size();
            for (int p = 0; p < ports; p++) {
                out.append(id.safeId().replace('_', '_')).append('\t').append(app.portDefinitions().get(p).port());
                for (Instance instance : instances) {
                    if (p < instance.ports().size()) {
                        out.append('\t').append(instance.host()).append(':').append(instance.ports().get(p));
                    }
                }
                out.append('\n');
            }
        });
        return out.toString();
    }

    static void versions(Context ctx, ServicesEngine engine, PathId id, String version) {
        if (engine.state().app(id) == null) {
            throw MarathonException.unknownApp(id);
        }
        ServicesStore store = engine.storeView();
        if (version == null) {
            List<String> versions = new ArrayList<>(store.versions(id).stream()
                    .map(v -> AppWriter.time(java.time.Instant.parse(v))).toList());
            java.util.Collections.reverse(versions);
            MarathonApi.json(ctx, 200, Map.of("versions", versions));
            return;
        }
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(version);
        } catch (java.time.format.DateTimeParseException e) {
            throw MarathonException.of(404, "App '" + id + "' does not exist in version " + version);
        }
        var stored = store.version(id, at.toString())
                .orElseThrow(() -> MarathonException.of(404, "App '" + id + "' does not exist in version " + version));
        MarathonApi.json(ctx, 200, AppWriter.definition(AppCodec.fromStored(stored)));
    }
}
