package io.strata.kubernetes.scheduler;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.DurationInfo;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskId;
import io.strata.api.scheduler.Call;
import io.strata.client.SchedulerClient;
import io.strata.kubernetes.pods.PodRun;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's calls to the master (ACCEPT, DECLINE, KILL, ACKNOWLEDGE, REVIVE, RECONCILE), each on its own
 * virtual thread, at most {@value #MAX_IN_FLIGHT} at a time, so that a slow master never holds up the loop. Calls
 * go to the current subscription's client with the framework id at the time of the call; failures are logged.
 *
 * <p>Thread-safe.
 */
final class MasterCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterCalls.class);
    static final int MAX_IN_FLIGHT = 128;

    private final Supplier<SchedulerClient> client;
    private final Supplier<FrameworkId> frameworkId;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicBoolean closed = new AtomicBoolean();

    MasterCalls(Supplier<SchedulerClient> client, Supplier<FrameworkId> frameworkId) {
        this.client = client;
        this.frameworkId = frameworkId;
    }

    /** Runs a task on a virtual thread of this pool without a permit (the subscription loop). */
    void execute(Runnable task) {
        calls.execute(task);
    }

    /** Accepts one offer with {@code operations}. */
    void accept(OfferId offer, List<Offer.Operation> operations) {
        FrameworkId id = frameworkId.get();
        async(() -> client.get().call(Call.accept(id, new Call.Accept(List.of(offer), operations,
                new Filters(0.0)))));
    }

    /** Declines an offer, refusing the agent's resources for {@code refuseSeconds}. */
    void decline(OfferId offer, double refuseSeconds) {
        FrameworkId id = frameworkId.get();
        async(() -> client.get().call(Call.decline(id, new Call.Decline(List.of(offer),
                new Filters(refuseSeconds)))));
    }

    /** Kills every live task of a pod's run with {@code graceSeconds} as kill policy. */
    void kill(PodRun run, long graceSeconds) {
        AgentId agent = run.agentId() == null ? null : new AgentId(run.agentId());
        for (String task : run.liveTasks()) {
            kill(new TaskId(task), agent, graceSeconds);
        }
    }

    /** Kills one task (nothing before the first subscription). */
    void kill(TaskId task, AgentId agent, long graceSeconds) {
        FrameworkId id = frameworkId.get();
        if (id == null) {
            return;
        }
        KillPolicy policy = new KillPolicy(new DurationInfo(graceSeconds * 1_000_000_000L));
        async(() -> client.get().call(Call.kill(id, new Call.Kill(task, agent, policy))));
    }

    /** Acknowledges a status update. */
    void acknowledge(Call.Acknowledge acknowledge) {
        FrameworkId id = frameworkId.get();
        async(() -> client.get().call(Call.acknowledge(id, acknowledge)));
    }

    /** Sends a prepared call. */
    void send(Call call) {
        async(() -> client.get().call(call));
    }

    private void async(Runnable call) {
        if (closed.get()) {
            return;
        }
        // the permit is taken on the call's own thread: a slow master never holds up the loop
        calls.execute(() -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warn("call to the master failed: {}", e.getMessage());
            } finally {
                inFlight.release();
            }
        });
    }

    /** Drops calls not yet started. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            calls.shutdownNow();
        }
    }
}
