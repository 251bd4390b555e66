package io.strata.bench.support;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.CallBatcher;
import io.strata.client.EventListener;
import io.strata.client.HttpTransport;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A framework that accepts every offer and launches as many tasks of a fixed size as fit, until it has
 * launched {@code total}; it acknowledges every update and records, per task, the time from sending its
 * ACCEPT to receiving its TASK_RUNNING. Offers it no longer needs are declined for an hour.
 *
 * <p>Calls are posted from virtual threads, at most {@code MAX_CALLS_IN_FLIGHT} at a time, so the event
 * reader never waits on HTTP; or, with {@code batchCalls}, coalesced by a {@link CallBatcher} into Strata's
 * {@code POST /api/v1/scheduler/batch} (one request in flight, carrying every call queued meanwhile).
 */
public final class LaunchingFramework implements AutoCloseable {
    private static final int MAX_CALLS_IN_FLIGHT = 32;
    private static final double EPSILON = 1e-6;
    private final int total;
    private final double cpus;
    private final double mem;
    private final String role;
    private final SchedulerClient client;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_CALLS_IN_FLIGHT);
    private final long[] acceptNanos;
    private final long[] runningNanos;
    private final AtomicInteger launched = new AtomicInteger();
    private final LongAdder failedCalls = new LongAdder();
    private final LongAdder otherStates = new LongAdder();
    private final CountDownLatch allRunning;
    private final CallBatcher batcher;
    /** ACCEPTs and DECLINEs: heavy calls, in small batches so the master starts on the first ones early. */
    private final CallBatcher offerBatcher;
    /** How many ACCEPTs or DECLINEs share one batch request. */
    private static final int OFFER_CALLS_PER_BATCH = 16;
    private volatile FrameworkId id;

    /**
     * Subscribes a framework named {@code name} in {@code role} that will launch {@code total} tasks of
     * {@code cpus} cpus and {@code mem} MB each.
     */
    public LaunchingFramework(URI master, String name, String role, int total, double cpus, double mem) {
        this(master, name, role, total, cpus, mem, false);
    }

    /** As above; with {@code batchCalls} every call goes through a {@link CallBatcher}. */
    public LaunchingFramework(URI master, String name, String role, int total, double cpus, double mem,
                              boolean batchCalls) {
        this.total = total;
        this.cpus = cpus;
        this.mem = mem;
        this.role = role;
        this.acceptNanos = new long[total];
        this.runningNanos = new long[total];
        this.allRunning = new CountDownLatch(total);
        this.client = SchedulerClient.of(master);
        this.batcher = batchCalls ? new CallBatcher(client, e -> failedCalls.increment()) : null;
        this.offerBatcher = batchCalls ? new CallBatcher(client, OFFER_CALLS_PER_BATCH, e -> failedCalls.increment())
                : null;
        client.subscribe(new FrameworkInfo("root", name, null, 0.0, false, role, null, null, null, List.of(), null),
                new EventListener() {
                    @Override
                    public void onEvent(Event event) {
                        handle(event);
                    }

                    @Override
                    public void onStreamEnded(StrataClientException cause) {
                        System.err.println("framework " + name + ": stream ended: " + cause);
                    }
                });
    }

    private void handle(Event event) {
        switch (event.type()) {
            case SUBSCRIBED -> id = event.subscribed().frameworkId();
            case OFFERS -> event.offers().offers().forEach(this::offer);
            case UPDATE -> update(event.update().status());
            default -> {
                // heartbeats, rescinds and failures need nothing here
            }
        }
    }

    private void offer(Offer offer) {
        int fit = (int) Math.floor(Math.min(scalar(offer, "cpus") / cpus, scalar(offer, "mem") / mem) + EPSILON);
        int first = launched.getAndAccumulate(fit, (now, add) -> Math.min(total, now + add));
        int count = Math.min(fit, total - first);
        if (count <= 0) {
            post(Call.decline(id, new Call.Decline(List.of(offer.id()), new Filters(3600.0))), -1, 0);
            return;
        }
        List<TaskInfo> tasks = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            tasks.add(task(i, offer));
        }
        Call accept = Call.accept(id, new Call.Accept(List.of(offer.id()), List.of(new Offer.Operation(
                Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(tasks), null)), new Filters(0.0)));
        post(accept, first, count);
    }

    private TaskInfo task(int index, Offer offer) {
        List<Resource> resources = List.of(scalarResource("cpus", cpus), scalarResource("mem", mem));
        return new TaskInfo("bench-" + index, new TaskId("t-" + index), offer.agentId(), resources,
                new CommandInfo(null, null, true, "sleep 3600", null, null), null, null, null, null, null, null);
    }

    private Resource scalarResource(String name, double value) {
        return new Resource(name, io.strata.api.mesos.Value.Type.SCALAR, new io.strata.api.mesos.Value.Scalar(value),
                null, null, role, null);
    }

    private static double scalar(Offer offer, String name) {
        double sum = 0;
        for (Resource r : offer.resources()) {
            if (name.equals(r.name()) && r.scalar() != null) {
                sum += r.scalar().value();
            }
        }
        return sum;
    }

    /** Posts a call on a virtual thread; for an ACCEPT, stamps its tasks' send time just before sending. */
    private void post(Call call, int firstTask, int count) {
        if (batcher != null) {
            if (firstTask >= 0) {
                Arrays.fill(acceptNanos, firstTask, firstTask + count, System.nanoTime());
            }
            (call.type() == Call.Type.ACKNOWLEDGE ? batcher : offerBatcher).submit(call);
            return;
        }
        calls.execute(() -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (firstTask >= 0) {
                    long now = System.nanoTime();
                    Arrays.fill(acceptNanos, firstTask, firstTask + count, now);
                }
                client.call(call);
            } catch (StrataClientException e) {
                failedCalls.increment();
            } finally {
                inFlight.release();
            }
        });
    }

    private void update(TaskStatus status) {
        long now = System.nanoTime();
        if (status.uuid() != null && status.agentId() != null) {
            post(Call.acknowledge(id, new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid())), -1, 0);
        }
        int index = index(status.taskId());
        if (index < 0 || index >= total) {
            return;
        }
        if (status.state() == TaskState.TASK_RUNNING) {
            if (runningNanos[index] == 0) {
                runningNanos[index] = now;
                allRunning.countDown();
            }
        } else {
            otherStates.increment();
        }
    }

    private static int index(TaskId id) {
        String v = id.value();
        return v.startsWith("t-") ? Integer.parseInt(v.substring(2)) : -1;
    }

    /** Waits until every task reported TASK_RUNNING; returns whether they did in time. */
    public boolean awaitAllRunning(Duration timeout) throws InterruptedException {
        return allRunning.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Tasks that reported TASK_RUNNING so far. */
    public long running() {
        return total - allRunning.getCount();
    }

    /** ACCEPT-to-TASK_RUNNING latencies of the tasks that are running. */
    public Latencies latencies() {
        return Latencies.ofNanos(java.util.stream.IntStream.range(0, total).filter(i -> runningNanos[i] != 0)
                .mapToLong(i -> runningNanos[i] - acceptNanos[i]).toArray());
    }

    /** Seconds from the first ACCEPT sent to the last TASK_RUNNING received. */
    public double elapsedSeconds() {
        long first = Arrays.stream(acceptNanos).filter(n -> n != 0).min().orElse(0);
        long last = Arrays.stream(runningNanos).max().orElse(0);
        return (last - first) / 1e9;
    }

    /** Seconds from the first ACCEPT sent to the first TASK_RUNNING received. */
    public double firstRunningSeconds() {
        long first = Arrays.stream(acceptNanos).filter(n -> n != 0).min().orElse(0);
        long firstRunning = Arrays.stream(runningNanos).filter(n -> n != 0).min().orElse(first);
        return (firstRunning - first) / 1e9;
    }

    /** Calls the master refused or that failed. */
    public long failedCalls() {
        return failedCalls.sum();
    }

    /** Updates in states other than TASK_RUNNING (e.g. TASK_ERROR, TASK_LOST). */
    public long otherStates() {
        return otherStates.sum();
    }

    /** Sends TEARDOWN: the master removes the framework and its tasks are killed. */
    public void teardown() {
        client.call(Call.of(id, Call.Type.TEARDOWN));
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
            offerBatcher.close();
        }
        calls.shutdownNow();
        client.close();
    }
}
