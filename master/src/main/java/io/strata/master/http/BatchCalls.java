package io.strata.master.http;

import io.javalin.http.Context;
import io.strata.api.agent.AgentCall;
import io.strata.api.json.Json;
import io.strata.api.scheduler.Call;
import io.strata.master.Master;
import io.strata.master.engine.Term;
import io.strata.master.registry.FrameworkEntry;
import io.strata.server.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strata's batch extensions of the v1 scheduler and agent APIs: {@code POST /api/v1/scheduler/batch} and
 * {@code POST /api/v1/agent/batch} take a JSON array of the calls the Mesos endpoints take one at a time, so that
 * a framework acknowledging thousands of updates, or an agent reporting them, pays for one HTTP request and one
 * trip through the master loop instead of one each.
 *
 * <p>Contract: every call of the array is validated and applied as if it had been posted alone, in array
 * order, all in one turn of the master loop; a call that fails does not stop the others. The answer is 202 when
 * every call was accepted, else the status of the first failure with a plain-text body listing each failure as
 * {@code calls[<index>]: <reason>}. A malformed array, one over {@link #MAX_CALLS} calls, or calls a batch may not
 * carry (SUBSCRIBE; for agents anything but UPDATE and HEARTBEAT; for a scheduler batch calls of different
 * frameworks) are refused with 400 before any call is applied.
 */
final class BatchCalls {
    static final String SCHEDULER_PATH = "/api/v1/scheduler/batch";
    static final String AGENT_PATH = "/api/v1/agent/batch";
    /** Most calls per batch: keeps one loop turn, and one request body, bounded. */
    static final int MAX_CALLS = 10_000;

    private final Master master;
    private final MasterRoutes routes;

    BatchCalls(Master master, MasterRoutes routes) {
        this.master = master;
        this.routes = routes;
    }

    /** {@code POST /api/v1/scheduler/batch}: the non-SUBSCRIBE calls of one subscribed framework. */
    void scheduler(Context ctx) {
        try {
            MasterRoutes.requireJson(ctx);
            Term t = routes.requireLeader(ctx);
            Call[] calls = parseArray(ctx, Call[].class);
            String frameworkId = null;
            for (int i = 0; i < calls.length; i++) {
                Call call = calls[i];
                if (call == null || call.type() == null || call.type() == Call.Type.UNKNOWN) {
                    throw ApiException.badRequest("calls[" + i + "]: expecting 'type' to be one of the known call types");
                }
                if (call.type() == Call.Type.SUBSCRIBE) {
                    throw ApiException.badRequest("calls[" + i + "]: SUBSCRIBE cannot be batched");
                }
                if (call.frameworkId() == null || call.frameworkId().value() == null) {
                    throw ApiException.badRequest("calls[" + i + "]: expecting 'framework_id' to be present");
                }
                if (frameworkId != null && !frameworkId.equals(call.frameworkId().value())) {
                    throw ApiException.badRequest("calls[" + i + "]: 'framework_id' " + call.frameworkId().value()
                            + " differs from the batch's " + frameworkId);
                }
                frameworkId = call.frameworkId().value();
            }
            String id = frameworkId;
            String streamId = ctx.header(MasterRoutes.STREAM_ID);
            Failures failures = master.loop().call(() -> {
                Failures out = new Failures();
                if (id == null) {
                    return out;
                }
                FrameworkEntry f = MasterRoutes.subscribedFramework(t, id, streamId);
                // the tasks of every ACCEPT of the batch are stored together (in multis of bounded size)
                return t.ctx.store.batched(() -> {
                    for (int i = 0; i < calls.length; i++) {
                        Call call = calls[i];
                        out.attempt(i, () -> t.calls.handle(f, call));
                    }
                    return out;
                });
            });
            failures.answer(ctx);
        } catch (MasterRoutes.Redirect r) {
            ctx.status(307).header("Location", r.location);
        }
    }

    /** {@code POST /api/v1/agent/batch}: UPDATE and HEARTBEAT calls (of any agents). */
    void agent(Context ctx) {
        try {
            MasterRoutes.requireJson(ctx);
            Term t = routes.requireLeader(ctx);
            AgentCall[] calls = parseArray(ctx, AgentCall[].class);
            for (int i = 0; i < calls.length; i++) {
                AgentCall call = calls[i];
                if (call == null || (call.type() != AgentCall.Type.UPDATE && call.type() != AgentCall.Type.HEARTBEAT)) {
                    throw ApiException.badRequest("calls[" + i + "]: expecting 'type' UPDATE or HEARTBEAT");
                }
            }
            Failures failures = new Failures();
            for (int i = 0; i < calls.length; i++) {
                AgentCall call = calls[i];
                if (call.type() == AgentCall.Type.HEARTBEAT) {
                    failures.attempt(i, () -> t.agents.heartbeat(call.agentId())); // off the loop, as alone
                }
            }
            Failures updates = master.loop().call(() -> {
                Failures out = new Failures();
                for (int i = 0; i < calls.length; i++) {
                    AgentCall call = calls[i];
                    if (call.type() == AgentCall.Type.UPDATE) {
                        out.attempt(i, () -> t.agents.update(call.agentId(), call.update()));
                    }
                }
                return out;
            });
            failures.addAll(updates);
            failures.answer(ctx);
        } catch (MasterRoutes.Redirect r) {
            ctx.status(307).header("Location", r.location);
        }
    }

    private static <T> T[] parseArray(Context ctx, Class<T[]> type) {
        byte[] body = ctx.bodyAsBytes();
        T[] calls = body.length == 0 ? null : Json.parse(body, type);
        if (calls == null) {
            throw ApiException.badRequest("Malformed JSON: expecting an array of calls in the request body");
        }
        if (calls.length > MAX_CALLS) {
            throw ApiException.badRequest("A batch holds at most " + MAX_CALLS + " calls; this one has "
                    + calls.length);
        }
        return calls;
    }

    /** The calls of a batch that failed, in index order of attempt; the first failure's status answers. */
    private static final class Failures {
        private final List<String> reasons = new ArrayList<>();
        private int status;

        void attempt(int index, Runnable call) {
            try {
                call.run();
            } catch (ApiException e) {
                if (status == 0) {
                    status = e.status();
                }
                reasons.add("calls[" + index + "]: " + e.getMessage());
            }
        }

        void addAll(Failures other) {
            if (status == 0) {
                status = other.status;
            }
            reasons.addAll(other.reasons);
        }

        void answer(Context ctx) {
            if (reasons.isEmpty()) {
                ctx.status(202);
                return;
            }
            throw new ApiException(status, String.join("; ", reasons));
        }
    }
}
