package io.strata.testing.hollow;

import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.recordio.RecordIo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated agent speaking the real agent protocol to the master, without processes.
 *
 * <p>Behaviour: it SUBSCRIBEs (re-subscribing with its id and its tasks, after a backoff, whenever the stream
 * breaks) and reads its RecordIO event stream on its own virtual thread. On RUN_TASK (and for each task of a
 * RUN_TASK_GROUP) it POSTs a TASK_RUNNING UPDATE at once (source SOURCE_EXECUTOR, a fresh base64 16-byte uuid)
 * and, when the cluster was built with {@code finishAfter}, a TASK_FINISHED that much later; KILL_TASK and
 * SHUTDOWN_FRAMEWORK answer TASK_KILLED. ACKNOWLEDGE events are matched against the uuids it sent. It heartbeats at the interval from SUBSCRIBED
 * (or the cluster's override). Updates are sent once: a failed call is counted by the cluster, not retried. By default the updates
 * that become ready together (those of one burst of events from the master) go out as one call of the master's
 * {@code POST /api/v1/agent/batch}, at most one batch in flight per agent; with batching off, each update is its
 * own {@code POST /api/v1/agent} on its own virtual thread.
 *
 * <p>Threading: events are handled on the agent's stream thread; calls run on short-lived virtual threads;
 * the getters may be called from any thread. Created and closed by {@link HollowCluster}.
 */
public final class HollowAgent implements AutoCloseable {
    static final String VERSION = "1.1.0-hollow";
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** A task the agent "runs": what it reports again when it re-subscribes. */
    private record HollowTask(FrameworkId frameworkId, TaskInfo info, TaskStatus latest) {
    }

    private final HollowAgentSpec spec;
    private final MasterLink link;
    private final Duration finishAfter;
    private final Duration heartbeatOverride;
    private final Map<TaskId, HollowTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, TaskId> unacknowledged = new ConcurrentHashMap<>();
    private final LongAdder launched = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final AtomicReference<InputStream> stream = new AtomicReference<>();
    private volatile AgentId agentId;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> heartbeats;
    private Thread thread;
    /** Updates waiting to be sent together; guarded by itself. */
    private final List<AgentCall> outbox = new ArrayList<>();
    /** Whether a thread is draining {@link #outbox}; guarded by {@link #outbox}. */
    private boolean draining;

    HollowAgent(HollowAgentSpec spec, MasterLink link, Duration finishAfter, Duration heartbeatOverride) {
        this.spec = spec;
        this.link = link;
        this.finishAfter = finishAfter;
        this.heartbeatOverride = heartbeatOverride;
    }

    /** Starts the subscription thread. */
    void start() {
        thread = Thread.ofVirtual().name("hollow-agent-" + spec.hostname()).start(this::run);
    }

    /** What this agent advertises. */
    public HollowAgentSpec spec() {
        return spec;
    }

    /** The id the master assigned, once SUBSCRIBED arrived. */
    public Optional<AgentId> agentId() {
        return Optional.ofNullable(agentId);
    }

    /** Whether the subscription stream is open and SUBSCRIBED was received. */
    public boolean connected() {
        return connected;
    }

    /** Waits for the first SUBSCRIBED; returns whether it arrived in time. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return firstSubscription.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** RUN_TASK events received since start. */
    public long launched() {
        return launched.sum();
    }

    /** Tasks currently running here (launched, neither finished nor killed). */
    public int runningTasks() {
        return tasks.size();
    }

    /** ACKNOWLEDGE events that matched an update this agent sent. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Updates waiting in this agent's outbox for the next batch. */
    int queuedUpdates() {
        synchronized (outbox) {
            return outbox.size();
        }
    }

    /** Updates sent and not yet acknowledged. */
    public int unacknowledged() {
        return unacknowledged.size();
    }

    private void run() {
        long backoff = 100;
        while (!closed) {
            try {
                InputStream in = link.subscribe(AgentCall.subscribe(subscribeBody()));
                backoff = 100;
                read(in);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    link.failedCalls.increment();
                }
            } catch (InterruptedException e) {
                return;
            }
            connected = false;
            stopHeartbeats();
            try {
                // jitter, so that a master restart is not answered by a thundering herd
                Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff));
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private AgentCall.Subscribe subscribeBody() {
        List<AgentCall.KnownTask> known = new ArrayList<>();
        for (HollowTask t : tasks.values()) {
            known.add(new AgentCall.KnownTask(t.frameworkId(), t.info(), t.latest()));
        }
        return new AgentCall.Subscribe(spec.toAgentInfo(VERSION).withId(agentId), known, List.of());
    }

    private void read(InputStream raw) throws IOException {
        stream.set(raw);
        try (InputStream in = new BufferedInputStream(raw, 16 * 1024)) {
            Optional<byte[]> record;
            while (!closed && (record = RecordIo.read(in)).isPresent()) {
                handle(Json.parse(record.get(), AgentEvent.class));
                if (in.available() == 0) {
                    flush(); // the burst the master flushed is handled: its updates go out together
                }
            }
        }
    }

    private void handle(AgentEvent event) {
        if (event.type() == null) {
            return;
        }
        switch (event.type()) {
            case SUBSCRIBED -> subscribed(event.subscribed());
            case RUN_TASK -> runTask(event.runTask());
            case RUN_TASK_GROUP -> runTaskGroup(event.runTaskGroup());
            case KILL_TASK -> kill(event.killTask().taskId());
            case ACKNOWLEDGE -> {
                if (unacknowledged.remove(event.acknowledge().uuid()) != null) {
                    acknowledged.increment();
                }
            }
            case SHUTDOWN_FRAMEWORK -> {
                FrameworkId f = event.shutdownFramework().frameworkId();
                tasks.values().stream().filter(t -> t.frameworkId().equals(f)).toList()
                        .forEach(t -> kill(t.info().taskId()));
            }
            case HEARTBEAT, UNKNOWN -> {
                // nothing to do: the stream being alive is all a heartbeat says
            }
        }
    }

    private void subscribed(AgentEvent.Subscribed s) {
        agentId = s.agentId();
        connected = true;
        firstSubscription.countDown();
        if (s.killTasks() != null) {
            s.killTasks().forEach(this::kill);
        }
        double seconds = s.heartbeatIntervalSeconds() == null ? 5 : s.heartbeatIntervalSeconds();
        long period = heartbeatOverride != null ? heartbeatOverride.toMillis() : (long) (seconds * 1000);
        stopHeartbeats();
        // a random phase spreads thousands of agents' heartbeats over the whole period
        heartbeats = link.timer.scheduleAtFixedRate(() -> Thread.ofVirtual().start(this::heartbeat),
                ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        AgentId id = agentId;
        if (id != null && connected && link.post(AgentCall.heartbeat(id)) == 404) {
            dropStream(); // the master forgot us: subscribe again
        }
    }

    private void runTask(AgentEvent.RunTask run) {
        runTask(run.frameworkInfo().id(), run.task());
    }

    /** Each task of the group is answered as if it had come in its own RUN_TASK (counted one launch each). */
    private void runTaskGroup(AgentEvent.RunTaskGroup group) {
        if (group.taskGroup() == null || group.taskGroup().tasks() == null) {
            return;
        }
        FrameworkId frameworkId = group.frameworkInfo().id();
        group.taskGroup().tasks().forEach(info -> runTask(frameworkId, info));
    }

    private void runTask(FrameworkId frameworkId, TaskInfo info) {
        launched.increment();
        TaskStatus running = status(info.taskId(), TaskState.TASK_RUNNING);
        tasks.put(info.taskId(), new HollowTask(frameworkId, info, running));
        if (link.batchUpdates) {
            enqueue(frameworkId, running);
            scheduleFinish(info.taskId());
            return;
        }
        Thread.ofVirtual().start(() -> {
            send(frameworkId, running);
            scheduleFinish(info.taskId());
        });
    }

    private void scheduleFinish(TaskId taskId) {
        if (finishAfter != null) {
            link.timer.schedule(() -> Thread.ofVirtual().start(() -> finish(taskId)),
                    finishAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void finish(TaskId taskId) {
        HollowTask t = tasks.remove(taskId);
        if (t != null) {
            send(t.frameworkId(), status(taskId, TaskState.TASK_FINISHED));
        }
    }

    private void kill(TaskId taskId) {
        HollowTask t = tasks.remove(taskId);
        if (t != null) {
            TaskStatus killed = status(taskId, TaskState.TASK_KILLED);
            if (link.batchUpdates) {
                enqueue(t.frameworkId(), killed); // on the stream thread: flushed when the burst is handled
                return;
            }
            Thread.ofVirtual().start(() -> send(t.frameworkId(), killed));
        }
    }

    private TaskStatus status(TaskId taskId, TaskState state) {
        return TaskStatus.builder(taskId, state).agentId(agentId).source(TaskStatus.Source.SOURCE_EXECUTOR)
                .timestamp(System.currentTimeMillis() / 1000.0).uuid(newUuid()).build();
    }

    /** Queues an update for the next batch; the caller flushes (the stream thread once its burst is handled). */
    private void enqueue(FrameworkId frameworkId, TaskStatus status) {
        unacknowledged.put(status.uuid(), status.taskId());
        synchronized (outbox) {
            outbox.add(AgentCall.update(agentId, new AgentCall.Update(frameworkId, status)));
        }
    }

    /**
     * Sends what the outbox holds as one batch, on a virtual thread, unless a batch is on its way: that thread
     * sends whatever queued meanwhile as the next batch, so at most one batch per agent is in flight.
     */
    private void flush() {
        synchronized (outbox) {
            if (draining || outbox.isEmpty()) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().start(this::drain);
    }

    private void drain() {
        while (true) {
            List<AgentCall> batch;
            synchronized (outbox) {
                if (outbox.isEmpty()) {
                    draining = false;
                    return;
                }
                batch = List.copyOf(outbox);
                outbox.clear();
            }
            if (link.postBatch(batch) == 404) {
                dropStream();
            }
        }
    }

    private void send(FrameworkId frameworkId, TaskStatus status) {
        if (link.batchUpdates) {
            enqueue(frameworkId, status);
            flush();
            return;
        }
        unacknowledged.put(status.uuid(), status.taskId());
        int code = link.post(AgentCall.update(agentId, new AgentCall.Update(frameworkId, status)));
        if (code == 404) {
            dropStream();
        }
    }

    /** A base64 16-byte uuid, as the master's ACKNOWLEDGE validation expects. */
    static String newUuid() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
        return Base64.getEncoder().encodeToString(bytes);
    }

    private void dropStream() {
        InputStream in = stream.get();
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing is all we want; the stream thread subscribes again
            }
        }
    }

    private void stopHeartbeats() {
        ScheduledFuture<?> f = heartbeats;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Closes the stream (the master sees the agent disconnect) and stops heartbeats. Idempotent. */
    @Override
    public void close() {
        closed = true;
        stopHeartbeats();
        dropStream();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
