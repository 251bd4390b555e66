package io.strata.jobs.mesos;

import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.HttpTransport;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.jobs.engine.JobEngine;
import io.strata.jobs.engine.TaskLauncher;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.RunRecord;
import io.strata.jobs.store.JobRepository;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskLauncher} speaking the master's v1 scheduler API through {@link SchedulerClient}.
 *
 * <p>It subscribes with the stored framework id (failover), stores the id the master assigns, reconciles the
 * engine's launched attempts after each subscription, and resubscribes after a broken stream (with backoff,
 * re-resolving the master). Offers are packed with queued attempts in queue order; each attempt is recorded as
 * LAUNCHED by the engine before the ACCEPT that carries it is sent. An offer with nothing to launch is held for
 * {@value #HOLD_MILLIS} ms, so an attempt due meanwhile starts at once instead of waiting for the next offer,
 * then declined for 1 s; attempts waiting with no offer held send a REVIVE. Status updates go to the engine and
 * are acknowledged after it applied them.
 *
 * <p>Threading: events are read on the client's thread and handled on virtual threads; offers one at a time.
 */
public final class MesosLauncher implements TaskLauncher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MesosLauncher.class);
    /** Chronos' default {@code failover_timeout}: one week. */
    public static final double FAILOVER_TIMEOUT_SECONDS = 604_800;
    /** How long an unused offer is held for attempts to come before it is declined. */
    static final long HOLD_MILLIS = 2_000;
    static final long SWEEP_MILLIS = 250;
    private static final double REFUSE_SECONDS = 1;
    private static final int MAX_CALLS_IN_FLIGHT = 32;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** A queued attempt with its job. */
    private record Pending(JobSpec spec, RunRecord run) {
    }

    /** An offer not used yet, with the subscription it came on. */
    private record Held(Offer offer, SchedulerClient source, long receivedNanos) {
    }

    private final Supplier<URI> master;
    private final JobRepository repository;
    private final String frameworkName;
    private final String role;
    private final String webuiUrl;
    private final ConcurrentLinkedDeque<Pending> pending = new ConcurrentLinkedDeque<>();
    private final Map<String, Pending> byTaskId = new ConcurrentHashMap<>();
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Object offerLock = new Object();
    /**
     * Calls posted at once at most, so bursts do not flood the master; acknowledgements have their own permits
     * so that ACCEPTs never queue behind them.
     */
    private final java.util.concurrent.Semaphore ackCalls = new java.util.concurrent.Semaphore(MAX_CALLS_IN_FLIGHT);
    private final java.util.concurrent.Semaphore launchCalls =
            new java.util.concurrent.Semaphore(MAX_CALLS_IN_FLIGHT);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Offers held for attempts still to come, oldest first; guarded by offerLock. */
    private final Map<String, Held> held = new java.util.LinkedHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("strata-jobs-offers").daemon()
                    .factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile JobEngine engine;
    private volatile SchedulerClient client;
    private volatile FrameworkId frameworkId;
    private volatile boolean subscribed;

    /**
     * A launcher that will subscribe as {@code frameworkName} in {@code role}.
     *
     * @param master resolves the master's URL (again on each reconnection, for {@code zk://} addresses)
     * @param webuiUrl this framework's URL, shown by the master
     */
    public MesosLauncher(Supplier<URI> master, JobRepository repository, String frameworkName, String role,
                         String webuiUrl) {
        this.master = master;
        this.repository = repository;
        this.frameworkName = frameworkName;
        this.role = role;
        this.webuiUrl = webuiUrl;
    }

    /** Connects the engine and subscribes in the background; call once. */
    public void start(JobEngine jobEngine) {
        this.engine = jobEngine;
        repository.frameworkId().ifPresent(id -> frameworkId = new FrameworkId(id));
        sweeper.scheduleWithFixedDelay(() -> execute(this::sweep), SWEEP_MILLIS, SWEEP_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        execute(this::subscribeWithRetry);
    }

    /** Whether the subscription is up. */
    public boolean subscribed() {
        return subscribed;
    }

    /** The framework id, once known. */
    public String frameworkId() {
        FrameworkId id = frameworkId;
        return id == null ? null : id.value();
    }

    private void subscribeWithRetry() {
        Duration backoff = Duration.ofMillis(250);
        while (!closed.get()) {
            try {
                subscribeOnce();
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to the master ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void subscribeOnce() {
        SchedulerClient next = new SchedulerClient(master.get(), HttpTransport.create());
        FrameworkInfo info = new FrameworkInfo("root", frameworkName, frameworkId, FAILOVER_TIMEOUT_SECONDS, true,
                role, null, null, webuiUrl, List.of(), null);
        client = next;
        next.subscribe(info, new EventListener() {
            @Override
            public void onEvent(Event event) {
                handle(next, event);
            }

            @Override
            public void onStreamEnded(StrataClientException cause) {
                reconnect(next, cause == null ? "stream ended" : cause.getMessage());
            }
        });
        if (closed.get()) {
            next.close();
        }
    }

    private void reconnect(SchedulerClient old, String reason) {
        if (closed.get() || client != old) {
            return;
        }
        subscribed = false;
        synchronized (offerLock) {
            held.clear(); // offers die with the subscription
        }
        LOG.warn("scheduler stream lost ({}); resubscribing", reason);
        old.close();
        execute(this::subscribeWithRetry);
    }

    private void handle(SchedulerClient source, Event event) {
        switch (event.type()) {
            case SUBSCRIBED -> execute(() -> onSubscribed(event.subscribed().frameworkId()));
            case OFFERS -> execute(() -> offers(source, event.offers().offers()));
            case RESCIND -> execute(() -> {
                synchronized (offerLock) {
                    held.remove(event.rescind().offerId().value());
                }
            });
            case UPDATE -> execute(() -> update(source, event.update().status()));
            case ERROR -> {
                String message = event.error() == null ? "" : event.error().message();
                LOG.error("master sent ERROR: {}; subscribing as a new framework", message);
                frameworkId = null;
                reconnect(source, message);
            }
            default -> {
                // heartbeats and failures (task updates follow) need nothing
            }
        }
    }

    private void onSubscribed(FrameworkId id) {
        frameworkId = id;
        subscribed = true;
        try {
            repository.putFrameworkId(id.value());
        } catch (RuntimeException e) {
            LOG.warn("cannot store the framework id: {}", e.getMessage());
        }
        LOG.info("subscribed as framework {} ({})", id.value(), frameworkName);
        List<Call.Reconcile.ReconcileTask> tasks = new ArrayList<>();
        for (RunRecord run : engine.launchedAttempts()) {
            tasks.add(new Call.Reconcile.ReconcileTask(new TaskId(run.taskId()),
                    run.agentId() == null ? null : new io.strata.api.mesos.AgentId(run.agentId())));
        }
        if (!tasks.isEmpty()) {
            send(Call.reconcile(id, new Call.Reconcile(tasks)));
        }
        if (!pending.isEmpty()) {
            send(Call.of(id, Call.Type.REVIVE));
        }
    }

    private void offers(SchedulerClient source, List<Offer> offers) {
        synchronized (offerLock) {
            long now = System.nanoTime();
            for (Offer offer : offers) {
                held.put(offer.id().value(), new Held(offer, source, now));
            }
            drain();
        }
    }

    /**
     * Packs queued attempts into held offers, oldest offer first; an offer used is accepted whole. Offers and
     * attempts are claimed under the lock; the store writes and the ACCEPT happen outside it, one virtual thread
     * per offer, so a slow store write does not hold up the next offers.
     */
    private void drain() {
        List<Runnable> launches = new ArrayList<>();
        synchronized (offerLock) {
            for (Iterator<Held> it = held.values().iterator(); it.hasNext() && !pending.isEmpty(); ) {
                Held h = it.next();
                List<Pending> taken = claim(h.offer());
                if (!taken.isEmpty()) {
                    it.remove();
                    launches.add(() -> launch(h, taken));
                }
            }
        }
        launches.forEach(this::execute);
    }

    /** Removes from the queue the attempts that fit into one offer, in queue order. */
    private List<Pending> claim(Offer offer) {
        OfferMatcher.Remaining remaining = new OfferMatcher.Remaining(offer);
        List<Pending> taken = new ArrayList<>();
        for (Pending p : pending) {
            if (remaining.take(p.spec()) && pending.remove(p)) {
                taken.add(p);
            }
        }
        return taken;
    }

    /** Records the claimed attempts as LAUNCHED and accepts the offer with their tasks. */
    private void launch(Held h, List<Pending> taken) {
        List<TaskInfo> tasks = markLaunched(taken, h.offer());
        Call accept = Call.accept(frameworkId, new Call.Accept(List.of(h.offer().id()), List.of(new Offer.Operation(
                Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(tasks), null)), new Filters(0.0)));
        call(h.source(), accept, launchCalls);
    }

    /**
     * Every {@value #SWEEP_MILLIS} ms: declines offers held longer than {@value #HOLD_MILLIS} ms (so other
     * frameworks get them), and revives when attempts wait with no offer held.
     */
    private void sweep() {
        synchronized (offerLock) {
            long now = System.nanoTime();
            for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (now - h.receivedNanos() > HOLD_MILLIS * 1_000_000L) {
                    it.remove();
                    call(h.source(), Call.decline(frameworkId, new Call.Decline(List.of(h.offer().id()),
                            new Filters(REFUSE_SECONDS))));
                }
            }
            if (!pending.isEmpty() && subscribed) {
                drain();
                if (!pending.isEmpty() && held.isEmpty()) {
                    send(Call.of(frameworkId, Call.Type.REVIVE));
                }
            }
        }
    }

    /** Records every taken attempt as LAUNCHED (in parallel: each is one store write) and builds its task. */
    private List<TaskInfo> markLaunched(List<Pending> taken, Offer offer) {
        List<Future<Boolean>> marks = new ArrayList<>();
        for (Pending p : taken) {
            marks.add(work.submit(() -> engine.markLaunched(p.run().taskId(), offer.agentId().value())));
        }
        List<TaskInfo> tasks = new ArrayList<>();
        String role = new OfferMatcher.Remaining(offer).role;
        for (int i = 0; i < taken.size(); i++) {
            Pending p = taken.get(i);
            byTaskId.remove(p.run().taskId());
            boolean ok;
            try {
                ok = marks.get(i).get();
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                tasks.add(TaskFactory.task(p.spec(), p.run(), offer.agentId(), role));
            }
        }
        return tasks;
    }

    private void update(SchedulerClient source, TaskStatus status) {
        try {
            engine.onStatus(status);
        } catch (RuntimeException e) {
            if (!closed.get()) {
                // the master resends unacknowledged updates
                LOG.warn("cannot apply the update of {}: {}; it is not acknowledged", status.taskId().value(),
                        e.getMessage());
            }
            return;
        }
        if (status.uuid() != null && status.agentId() != null) {
            call(source, Call.acknowledge(frameworkId,
                    new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid())), ackCalls);
        }
    }

    @Override
    public void launch(JobSpec spec, RunRecord run) {
        Pending p = new Pending(spec, run);
        if (byTaskId.putIfAbsent(run.taskId(), p) != null) {
            return;
        }
        pending.add(p);
        if (drainScheduled.compareAndSet(false, true)) {
            // coalesced: attempts queued while a drain waits for the lock go out in the same ACCEPTs
            execute(() -> {
                drainScheduled.set(false);
                drain();
                if (!pending.isEmpty() && subscribed && noOffersHeld()) {
                    send(Call.of(frameworkId, Call.Type.REVIVE));
                }
            });
        }
    }

    private boolean noOffersHeld() {
        synchronized (offerLock) {
            return held.isEmpty();
        }
    }

    @Override
    public boolean withdraw(String taskId) {
        Pending p = byTaskId.remove(taskId);
        return p != null && pending.remove(p);
    }

    @Override
    public void kill(String taskId, String agentId) {
        send(Call.kill(frameworkId, new Call.Kill(new TaskId(taskId),
                agentId == null ? null : new io.strata.api.mesos.AgentId(agentId), null)));
    }

    /** Attempts waiting for an offer. */
    public int queued() {
        return pending.size();
    }

    private void send(Call call) {
        SchedulerClient current = client;
        if (current != null && subscribed) {
            call(current, call);
        }
    }

    private void call(SchedulerClient source, Call call) {
        call(source, call, launchCalls);
    }

    /** Posts a call on a virtual thread, at most as many at once as {@code permits} allows. */
    private void call(SchedulerClient source, Call call, java.util.concurrent.Semaphore permits) {
        execute(() -> {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                source.call(call);
            } catch (RuntimeException e) {
                LOG.debug("{} call failed: {}", call.type(), e.getMessage());
            } finally {
                permits.release();
            }
        });
    }

    /** Runs a task on a virtual thread unless the launcher is closed. */
    private void execute(Runnable task) {
        try {
            work.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: the next leader reconciles and relaunches from the stored state
        }
    }

    /** Closes the subscription (no TEARDOWN: the framework fails over to the next leader). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            SchedulerClient current = client;
            if (current != null) {
                current.close();
            }
            sweeper.shutdownNow();
            work.shutdownNow();
        }
    }
}
