package io.strata.testing.hollow;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.core.resources.Resources;
import io.strata.server.wire.ResourceWire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test framework over the real scheduler API that records every OFFERS and UPDATE event. */
final class RecordingFramework implements AutoCloseable {
    private final SchedulerClient client;
    private final java.util.concurrent.atomic.AtomicInteger batcherFailures = new java.util.concurrent.atomic.AtomicInteger();
    private final io.strata.client.CallBatcher batcher;
    private final LinkedBlockingQueue<Offer> offers = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<TaskStatus> updates = new LinkedBlockingQueue<>();

    RecordingFramework(URI master) {
        client = SchedulerClient.of(master);
        batcher = new io.strata.client.CallBatcher(client, e -> batcherFailures.incrementAndGet());
        client.subscribe(new FrameworkInfo("root", "hollow-test", null, 0.0, false, "*", null, null, null,
                List.of(), null), new EventListener() {
                    @Override
                    public void onEvent(Event event) {
                        if (event.type() == Event.Type.OFFERS) {
                            offers.addAll(event.offers().offers());
                        } else if (event.type() == Event.Type.UPDATE) {
                            updates.add(event.update().status());
                        }
                    }

                    @Override
                    public void onStreamEnded(StrataClientException cause) {
                    }
                });
    }

    Offer nextOffer(Duration timeout) throws InterruptedException {
        Offer o = offers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("no offer within " + timeout);
        }
        return o;
    }

    /** Waits for an update in {@code state} of every task of {@code taskIds} (in any order), skipping others. */
    java.util.Map<TaskId, TaskStatus> awaitUpdates(java.util.Set<TaskId> taskIds, TaskState state, Duration timeout)
            throws InterruptedException {
        java.util.Map<TaskId, TaskStatus> seen = new java.util.HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < taskIds.size() && System.nanoTime() < deadline) {
            TaskStatus s = updates.poll(10, TimeUnit.MILLISECONDS);
            if (s != null && taskIds.contains(s.taskId()) && s.state() == state) {
                seen.put(s.taskId(), s);
            }
        }
        if (seen.size() < taskIds.size()) {
            throw new AssertionError("only " + seen.keySet() + " of " + taskIds + " reached " + state);
        }
        return seen;
    }

    /** Waits for the next update of {@code taskId} in {@code state}, skipping others. */
    TaskStatus awaitUpdate(TaskId taskId, TaskState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TaskStatus s = updates.poll(10, TimeUnit.MILLISECONDS);
            if (s != null && s.taskId().equals(taskId) && s.state() == state) {
                return s;
            }
        }
        throw new AssertionError("no " + state + " for " + taskId.value() + " within " + timeout);
    }

    void launch(Offer offer, String taskId, String resources) {
        TaskInfo task = new TaskInfo(taskId, new TaskId(taskId), offer.agentId(),
                ResourceWire.toWire(Resources.parse(resources)),
                new CommandInfo(null, null, true, "sleep 1000", null, null), null, null, null, null, null,
                null);
        client.call(Call.accept(frameworkId(), new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(List.of(task)),
                        null)), null)));
    }

    /** LAUNCH_GROUP of the given task ids (0.1 cpu / 32 MB each) under a DEFAULT executor of 0.1 cpu / 32 MB. */
    void launchGroup(Offer offer, String executorId, String... taskIds) {
        List<TaskInfo> tasks = java.util.Arrays.stream(taskIds).map(id -> new TaskInfo(id, new TaskId(id),
                offer.agentId(), ResourceWire.toWire(Resources.parse("cpus:0.1;mem:32")),
                new CommandInfo(null, null, true, "sleep 1000", null, null), null, null, null, null, null,
                null)).toList();
        Offer.ExecutorInfo executor = new Offer.ExecutorInfo("DEFAULT", new io.strata.api.mesos.ExecutorId(executorId),
                frameworkId(), null, ResourceWire.toWire(Resources.parse("cpus:0.1;mem:32")), null, null);
        client.call(Call.accept(frameworkId(), new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH_GROUP, null,
                        new Offer.Operation.LaunchGroup(executor, new Offer.TaskGroupInfo(tasks)))), null)));
    }

    /** One ACCEPT launching {@code count} tasks {@code <prefix>0..} of {@code resources} each. */
    void launchMany(Offer offer, String prefix, int count, String resources) {
        List<TaskInfo> tasks = java.util.stream.IntStream.range(0, count).mapToObj(i -> new TaskInfo(prefix + i,
                new TaskId(prefix + i), offer.agentId(), ResourceWire.toWire(Resources.parse(resources)),
                new CommandInfo(null, null, true, "sleep 1000", null, null), null, null, null, null, null, null))
                .toList();
        client.call(Call.accept(frameworkId(), new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(tasks), null)),
                null)));
    }

    /** Acknowledges through a {@link io.strata.client.CallBatcher}, which coalesces into batch calls. */
    void acknowledgeBatched(AgentId agentId, TaskStatus status) {
        batcher.submit(Call.acknowledge(frameworkId(), new Call.Acknowledge(agentId, status.taskId(), status.uuid())));
    }

    /** Requests of the batcher that failed. */
    int batcherFailures() {
        return batcherFailures.get();
    }

    void acknowledge(AgentId agentId, TaskStatus status) {
        client.call(Call.acknowledge(frameworkId(), new Call.Acknowledge(agentId, status.taskId(), status.uuid())));
    }

    void kill(TaskId taskId, AgentId agentId) {
        client.call(Call.kill(frameworkId(), new Call.Kill(taskId, agentId, null)));
    }

    private io.strata.api.mesos.FrameworkId frameworkId() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.frameworkId().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return client.frameworkId().orElseThrow();
    }

    @Override
    public void close() {
        batcher.close();
        client.close();
    }
}
