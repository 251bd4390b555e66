package io.strata.master.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.api.agent.AgentCall;
import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.scheduler.Call;
import io.strata.master.Master;
import io.strata.master.engine.Term;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.server.ApiException;
import io.strata.server.EventStream;
import java.util.UUID;

/**
 * Routes of the master. Every API except /health, /version and the metrics needs the leader: a non-leading
 * master answers 307 with the leader's URL in Location, or 503 when no leader is known.
 */
public final class MasterRoutes {
    static final String STREAM_ID = "Mesos-Stream-Id";
    private final Master master;
    private final StateJson state;
    private final OperatorApi operator;
    private final Metrics metrics;
    private final BatchCalls batch;

    public MasterRoutes(Master master) {
        this.master = master;
        this.state = new StateJson(master);
        this.metrics = new Metrics(master);
        this.operator = new OperatorApi(master, this);
        this.batch = new BatchCalls(master, this);
    }

    /** Registers every route. */
    public void register(RoutesConfig r) {
        r.post("/api/v1/scheduler", this::scheduler);
        r.post("/api/v1/agent", this::agent);
        r.post(BatchCalls.SCHEDULER_PATH, batch::scheduler);
        r.post(BatchCalls.AGENT_PATH, batch::agent);
        r.post("/api/v1", operator::handle);
        r.get("/health", ctx -> ctx.status(200));
        r.get("/version", ctx -> ctx.json(java.util.Map.of("version", Master.VERSION, "build_user", "strata")));
        r.get("/master/redirect", this::redirect);
        for (String suffix : new String[] {"", ".json"}) {
            r.get("/master/state" + suffix, ctx -> leaderJson(ctx, t -> state.state(t)));
            r.get("/state" + suffix, ctx -> leaderJson(ctx, t -> state.state(t)));
            r.get("/master/state-summary" + suffix, ctx -> leaderJson(ctx, t -> state.summary(t)));
            r.get("/master/slaves" + suffix, ctx -> leaderJson(ctx, t -> state.slaves(t)));
            r.get("/master/frameworks" + suffix, ctx -> leaderJson(ctx, t -> state.frameworks(t)));
            r.get("/master/tasks" + suffix, ctx -> leaderJson(ctx, t -> state.tasks(t, ctx)));
        }
        r.get("/metrics/snapshot", ctx -> ctx.json(master.loop().call(() -> metrics.snapshot(master.term()))));
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(master.loop().call(() -> metrics.prometheus(master.term()))));
    }

    private void redirect(Context ctx) {
        String leader = master.leaderUrl().orElseThrow(() -> ApiException.unavailable("No leading master"));
        ctx.status(307).header("Location", leader);
    }

    /** Answers 307 to the leader, or 503, unless this master leads; returns the term when it does. */
    Term requireLeader(Context ctx) {
        Term t = master.term().orElse(null);
        if (t != null) {
            return t;
        }
        String leader = master.leaderUrl().filter(u -> !u.equals(master.url())).orElse(null);
        if (leader == null) {
            throw ApiException.unavailable("No leading master; try again later");
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        throw new Redirect(leader + ctx.path() + query);
    }

    /** Thrown to answer 307; mapped in {@link #leaderJson} and the API handlers. */
    static final class Redirect extends ApiException {
        final String location;

        Redirect(String location) {
            super(307, "Not the leading master; leader is at " + location);
            this.location = location;
        }
    }

    private void leaderJson(Context ctx, java.util.function.Function<Term, Object> render) {
        try {
            Term t = requireLeader(ctx);
            Object body = master.loop().call(() -> render.apply(t));
            ctx.contentType("application/json").result(Json.toBytes(body));
        } catch (Redirect r) {
            ctx.status(307).header("Location", r.location);
        }
    }

    /** Parses a call body; a JSON {@code null} (or an empty body) is refused like malformed JSON. */
    static <T> T parse(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        T call = body.length == 0 ? null : Json.parse(body, type);
        if (call == null) {
            throw ApiException.badRequest("Malformed JSON: expecting a call object in the request body");
        }
        return call;
    }

    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/x-protobuf")) {
            throw new ApiException(415, "Content-Type application/x-protobuf is not supported; use application/json");
        }
    }

    private void scheduler(Context ctx) {
        try {
            requireJson(ctx);
            Term t = requireLeader(ctx);
            Call call = parse(ctx, Call.class);
            if (call.type() == null || call.type() == Call.Type.UNKNOWN) {
                throw ApiException.badRequest("Failed to validate scheduler::Call: Expecting 'type' to be present "
                        + "and one of the known call types");
            }
            if (call.type() == Call.Type.SUBSCRIBE) {
                subscribe(ctx, t, call);
                return;
            }
            if (call.frameworkId() == null || call.frameworkId().value() == null) {
                throw ApiException.badRequest("Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
            }
            String streamId = ctx.header(STREAM_ID);
            if (call.type() == Call.Type.ACCEPT) {
                io.strata.server.trace.LaunchHop.mark("master", "", "accept.http");
            }
            master.loop().call(() -> {
                t.calls.handle(subscribedFramework(t, call.frameworkId().value(), streamId), call);
                return null;
            });
            ctx.status(202);
        } catch (Redirect r) {
            ctx.status(307).header("Location", r.location);
        }
    }

    /**
     * The framework a non-SUBSCRIBE call speaks for, checked against the caller's stream id. Runs on the loop.
     *
     * @throws ApiException 403 when it is not subscribed or the stream id is another one, 400 without a stream id
     */
    static FrameworkEntry subscribedFramework(Term t, String frameworkId, String streamId) {
        FrameworkEntry f = t.ctx.registry.frameworks.get(frameworkId);
        if (f == null || !f.connected || f.stream == null) {
            throw ApiException.forbidden("Framework " + frameworkId + " is not subscribed");
        }
        if (streamId == null) {
            throw ApiException.badRequest("All non-subscribe calls should include the '" + STREAM_ID + "' header");
        }
        if (!streamId.equals(f.stream.id())) {
            throw ApiException.forbidden("The stream ID '" + streamId + "' included in this request "
                    + "didn't match the stream ID currently associated with framework ID " + f.id.value());
        }
        return f;
    }

    private void subscribe(Context ctx, Term t, Call call) {
        if (call.subscribe() == null) {
            throw ApiException.badRequest("Failed to validate scheduler::Call: Expecting 'subscribe' to be present");
        }
        var info = call.subscribe().frameworkInfo();
        FrameworkId callId = call.frameworkId();
        if (callId != null && (info == null || info.id() == null || !callId.equals(info.id()))) {
            throw ApiException.badRequest("'framework_id' differs from 'subscribe.framework_info.id'");
        }
        EventStream stream = new EventStream(UUID.randomUUID().toString());
        FrameworkEntry f = master.loop().call(() -> t.frameworks.subscribe(info, stream));
        stream.onClose(() -> master.loop().execute(() -> t.frameworks.disconnected(f, stream)));
        ctx.header(STREAM_ID, stream.id());
        stream.serve(ctx, "application/json");
    }

    private void agent(Context ctx) {
        try {
            requireJson(ctx);
            Term t = requireLeader(ctx);
            AgentCall call = parse(ctx, AgentCall.class);
            if (call.type() == null || call.type() == AgentCall.Type.UNKNOWN) {
                throw ApiException.badRequest("Expecting 'type' to be present and one of SUBSCRIBE, UPDATE, HEARTBEAT");
            }
            switch (call.type()) {
                case SUBSCRIBE -> {
                    if (call.subscribe() == null) {
                        throw ApiException.badRequest("Expecting 'subscribe' to be present");
                    }
                    EventStream stream = new EventStream(UUID.randomUUID().toString());
                    AgentEntry a = master.loop().call(() -> t.agents.subscribe(call.subscribe(), stream));
                    stream.onClose(() -> master.loop().execute(() -> t.agents.disconnected(a, stream)));
                    ctx.header(STREAM_ID, stream.id());
                    stream.serve(ctx, "application/json");
                }
                case UPDATE -> {
                    if (call.update() != null && call.update().status() != null
                            && call.update().status().taskId() != null) {
                        io.strata.server.trace.LaunchHop.mark("master", call.update().status().taskId().value(),
                                "update.http:" + call.update().status().state());
                    }
                    master.loop().call(() -> {
                        t.agents.update(call.agentId(), call.update());
                        return null;
                    });
                    ctx.status(202);
                }
                case HEARTBEAT -> {
                    t.agents.heartbeat(call.agentId()); // off the loop on purpose (see Agents.heartbeat)
                    ctx.status(202);
                }
                case UNKNOWN -> throw ApiException.badRequest("Expecting 'type' to be present");
            }
        } catch (Redirect r) {
            ctx.status(307).header("Location", r.location);
        }
    }
}
