package io.strata.jobs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.jobs.engine.JobEngine;
import io.strata.jobs.model.InvalidJobException;
import io.strata.jobs.model.JobReader;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.JobWriter;
import io.strata.jobs.model.RunRecord;
import io.strata.server.ApiException;
import io.strata.store.StoreException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Registers Chronos' endpoints (dcos-specs.md section 3) under both prefixes.
 *
 * <p>Status codes as Chronos: 204 for accepted changes, 400 with a plain-text message naming the field for an
 * invalid job, and 400 {@code Job '<name>' not found} for an unknown job in {@code PUT}/{@code DELETE} (Chronos'
 * {@code require}); Strata's read-only additions answer 404 for an unknown job. A standby answers 307 to the
 * leader, 503 while no leader is known.
 */
public final class ChronosRoutes {
    /** Chronos 3's prefix. */
    public static final String PREFIX = "/v1/scheduler";
    /** Chronos 2's prefix. */
    public static final String LEGACY_PREFIX = "/scheduler";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 10;

    private final LeaderView leader;
    private final InstantSource clock;

    /** Routes over the given leadership view. */
    public ChronosRoutes(LeaderView leader, InstantSource clock) {
        this.leader = leader;
        this.clock = clock;
    }

    /** Adds the routes. */
    public void register(RoutesConfig r) {
        for (String p : new String[] {PREFIX, LEGACY_PREFIX}) {
            r.post(p + "/iso8601", ctx -> put(ctx, JobReader.Kind.SCHEDULED));
            r.put(p + "/iso8601", ctx -> put(ctx, JobReader.Kind.SCHEDULED));
            r.post(p + "/dependency", ctx -> put(ctx, JobReader.Kind.DEPENDENT));
            r.put(p + "/dependency", ctx -> put(ctx, JobReader.Kind.DEPENDENT));
            r.get(p + "/jobs", this::list);
            r.get(p + "/jobs/search", this::search);
            r.get(p + "/job/{name}", this::show);
            r.put(p + "/job/{name}", this::run);
            r.delete(p + "/job/{name}", this::delete);
            r.get(p + "/job/{name}/runs", this::runs);
            r.get(p + "/job/stat/{name}", this::stat);
            r.delete(p + "/task/kill/{name}", this::kill);
            r.put(p + "/task/{id}", this::report);
            r.get(p + "/graph/csv", this::csv);
            r.get(p + "/leader", this::leaderInfo);
        }
        r.get("/leader", this::leaderInfo);
        // ZooKeeper unreachable or this instance deposed mid-request: the client may retry (on the new leader)
        r.exception(StoreException.class, (e, ctx) -> ctx.status(503).contentType("text/plain; charset=utf-8")
                .result("The job store is unavailable: " + e.getMessage()));
        r.get("/ping", ctx -> ctx.contentType("text/plain").result("pong"));
        r.get("/metrics", ctx -> json(ctx, leader.metrics().snapshot()));
    }

    /** The engine if this instance leads; otherwise answers 307 (or 503) by throwing. */
    private JobEngine engine(Context ctx) {
        var engine = leader.engine();
        if (engine.isPresent()) {
            return engine.get();
        }
        String url = leader.leaderUrl().filter(u -> !u.equals(leader.selfUrl())).orElse(null);
        if (url == null) {
            throw ApiException.unavailable("No leading jobs scheduler; try again later");
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        String location = url + ctx.path() + query;
        ctx.header("Location", location);
        throw new Redirect(location);
    }

    /** Answers 307: HttpServer maps an ApiException to its status; the Location header is set before. */
    private static final class Redirect extends ApiException {
        Redirect(String location) {
            super(307, "Not the leader; the leader is at " + location);
        }
    }

    private void put(Context ctx, JobReader.Kind kind) {
        JobEngine engine = engine(ctx);
        try {
            JobSpec spec = JobReader.read(ctx.bodyAsBytes(), kind, clock.instant());
            engine.put(spec);
        } catch (InvalidJobException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.status(204);
    }

    private void list(Context ctx) {
        JobEngine engine = engine(ctx);
        json(ctx, engine.jobs().stream().map(v -> JobWriter.withStats(v.spec(), v.state())).toList());
    }

    private void search(Context ctx) {
        JobEngine engine = engine(ctx);
        String name = lower(ctx.queryParam("name"));
        String command = lower(ctx.queryParam("command"));
        String any = lower(ctx.queryParam("any"));
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT);
        int offset = intParam(ctx, "offset", 0);
        Predicate<JobSpec> match = j -> (name == null || lower(j.name()).contains(name))
                && (command == null || lower(j.command()).contains(command))
                && (any == null || lower(j.name()).contains(any) || lower(j.command()).contains(any)
                    || lower(j.description()).contains(any) || lower(j.owner()).contains(any));
        json(ctx, engine.jobs().stream().filter(v -> match.test(v.spec())).skip(offset).limit(limit)
                .map(v -> JobWriter.withStats(v.spec(), v.state())).toList());
    }

    private void show(Context ctx) {
        JobEngine engine = engine(ctx);
        var view = engine.job(name(ctx)).orElseThrow(() -> ApiException.notFound(notFound(name(ctx))));
        json(ctx, JobWriter.withStats(view.spec(), view.state()));
    }

    private void run(Context ctx) {
        JobEngine engine = engine(ctx);
        if (!engine.runNow(name(ctx), ctx.queryParam("arguments"))) {
            throw ApiException.badRequest(notFound(name(ctx)));
        }
        ctx.status(204);
    }

    private void delete(Context ctx) {
        JobEngine engine = engine(ctx);
        if (!engine.delete(name(ctx))) {
            throw ApiException.badRequest(notFound(name(ctx)));
        }
        ctx.status(204);
    }

    private void kill(Context ctx) {
        JobEngine engine = engine(ctx);
        if (!engine.kill(name(ctx))) {
            throw ApiException.badRequest(notFound(name(ctx)));
        }
        ctx.status(204);
    }

    private void runs(Context ctx) {
        JobEngine engine = engine(ctx);
        String job = name(ctx);
        var view = engine.job(job).orElseThrow(() -> ApiException.notFound(notFound(job)));
        List<Map<String, Object>> runs = new ArrayList<>();
        view.state().active().forEach(r -> runs.add(JobWriter.run(job, r)));
        view.state().recent().forEach(r -> runs.add(JobWriter.run(job, r)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", job);
        body.put("successCount", view.state().successCount());
        body.put("errorCount", view.state().errorCount());
        body.put("skippedCount", view.state().skippedCount());
        body.put("lastSuccess", view.state().lastSuccess());
        body.put("lastError", view.state().lastError());
        body.put("runs", runs);
        json(ctx, body);
    }

    /** Chronos' {@code /job/stat/{name}}: the recent task history (no Cassandra-backed histogram). */
    private void stat(Context ctx) {
        JobEngine engine = engine(ctx);
        String job = name(ctx);
        var view = engine.job(job).orElseThrow(() -> ApiException.badRequest(notFound(job)));
        List<Map<String, Object>> history = new ArrayList<>();
        for (RunRecord r : view.state().recent()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("taskId", r.taskId());
            m.put("jobName", job);
            m.put("slaveId", r.agentId());
            m.put("taskStart", r.launchedAt() == null ? null : java.time.Instant.ofEpochMilli(r.launchedAt()).toString());
            m.put("taskEnd", r.finishedAt() == null ? null : java.time.Instant.ofEpochMilli(r.finishedAt()).toString());
            m.put("taskStatus", r.phase() == RunRecord.Phase.SUCCEEDED ? "FINISHED" : r.phase().name());
            history.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("histogram", Map.of());
        body.put("taskStatHistory", history);
        json(ctx, body);
    }

    /** Chronos' graph CSV: {@code node,<name>,<fresh|success|failure>,<idle|queued|running>} and {@code link} rows. */
    private void csv(Context ctx) {
        JobEngine engine = engine(ctx);
        StringBuilder out = new StringBuilder();
        for (JobEngine.View v : engine.jobs()) {
            var s = v.state();
            String last = s.lastSuccess().isEmpty() && s.lastError().isEmpty() ? "fresh"
                    : s.lastError().isEmpty() || (!s.lastSuccess().isEmpty()
                        && s.lastSuccess().compareTo(s.lastError()) > 0) ? "success" : "failure";
            String state = s.active().stream().anyMatch(r -> r.phase() != RunRecord.Phase.QUEUED
                    && r.phase() != RunRecord.Phase.AWAITING_REPORT) ? "running"
                    : s.active().stream().anyMatch(r -> r.phase() == RunRecord.Phase.QUEUED) ? "queued" : "idle";
            out.append("node,").append(v.spec().name()).append(',').append(last).append(',').append(state)
                    .append('\n');
        }
        for (JobEngine.View v : engine.jobs()) {
            for (String parent : v.spec().parents()) {
                out.append("link,").append(parent).append(',').append(v.spec().name()).append('\n');
            }
        }
        ctx.contentType("text/plain; charset=utf-8").result(out.toString());
    }

    /**
     * Chronos' completion report for async jobs, {@code PUT /task/{taskId}} with {@code {"statusCode": n}}: 204;
     * 400 naming {@code statusCode} when it is missing or not a whole number, 404 for a task id that is not an
     * active attempt.
     */
    private void report(Context ctx) {
        JobEngine engine = engine(ctx);
        String taskId = URLDecoder.decode(ctx.pathParam("id"), StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = MAPPER.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("body: expected a JSON object such as {\"statusCode\": 0}");
        }
        com.fasterxml.jackson.databind.JsonNode code = body == null ? null : body.get("statusCode");
        if (code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
            throw ApiException.badRequest("statusCode: must be a whole number (0 for success)");
        }
        if (!engine.report(taskId, code.asInt())) {
            throw ApiException.notFound("Task '" + taskId + "' is not an active task of any job");
        }
        ctx.status(204);
    }

    private void leaderInfo(Context ctx) {
        String url = leader.leaderUrl().orElseThrow(() -> ApiException.unavailable("No leader known"));
        String hostPort = url.replaceFirst("^https?://", "");
        json(ctx, Map.of("leader", hostPort));
    }

    private static String name(Context ctx) {
        return URLDecoder.decode(ctx.pathParam("name"), StandardCharsets.UTF_8);
    }

    private static String notFound(String name) {
        return "Job '" + name + "' not found";
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": must be a whole number >= 0, not '" + text + "'");
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
