package io.strata.dashboard;

import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.MasterClient;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small real framework for the tests: subscribes over the v1 scheduler API and launches each queued shell
 * command as a task (0.1 CPU, 32 MB) on the next offer, acknowledging every update. Threading: events arrive on
 * the client's reader thread; the test thread queues launches and waits for states.
 */
final class TestFramework implements EventListener, AutoCloseable {
    private record Launch(String taskId, String command) {
    }

    private final SchedulerClient client;
    private final MasterClient master;
    private final ConcurrentLinkedQueue<Launch> toLaunch = new ConcurrentLinkedQueue<>();
    private final Map<String, Set<TaskState>> reached = new ConcurrentHashMap<>();
    private volatile FrameworkId frameworkId;

    /** Subscribes as {@code name} and waits for SUBSCRIBED. */
    TestFramework(String master, String name) {
        this.master = MasterClient.of(URI.create(master));
        client = SchedulerClient.of(URI.create(master));
        client.subscribe(new FrameworkInfo("root", name, null, 60.0, true, "*", "127.0.0.1", null, null, List.of(),
                null), this);
        await().atMost(Duration.ofSeconds(30)).until(() -> frameworkId != null);
    }

    String frameworkId() {
        return frameworkId.value();
    }

    /** Queues a task running {@code command} in a shell. */
    void launch(String taskId, String command) {
        toLaunch.add(new Launch(taskId, command));
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Waits until the task reached {@code state}. */
    void awaitState(String taskId, TaskState state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> reached.getOrDefault(taskId, Set.of()).contains(state));
    }

    @Override
    public void onEvent(Event event) {
        switch (event.type()) {
            case SUBSCRIBED -> frameworkId = event.subscribed().frameworkId();
            case OFFERS -> event.offers().offers().forEach(this::offered);
            case UPDATE -> updated(event.update().status());
            default -> {
            }
        }
    }

    private void offered(Offer offer) {
        Launch launch = toLaunch.poll();
        if (launch == null) {
            client.call(Call.decline(frameworkId, new Call.Decline(List.of(offer.id()), new Filters(1.0))));
            return;
        }
        TaskInfo task = new TaskInfo(launch.taskId(), new TaskId(launch.taskId()), offer.agentId(),
                ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, launch.command(), null, null), null, null, null, null, null, null);
        client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(List.of(task)),
                        null)), new Filters(1.0))));
    }

    private void updated(TaskStatus status) {
        reached.computeIfAbsent(status.taskId().value(), k -> ConcurrentHashMap.newKeySet()).add(status.state());
        if (status.uuid() != null && status.agentId() != null) {
            client.call(Call.acknowledge(frameworkId,
                    new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid())));
        }
    }

    @Override
    public void onStreamEnded(StrataClientException cause) {
        // the test ends the framework
    }

    /**
     * Tears the framework down (the master marks its tasks KILLED and has the agent kill them), waits until the
     * master no longer lists it, and closes the subscription: the next test class finds no task of ours running.
     */
    @Override
    public void close() {
        try {
            client.call(Call.of(frameworkId, Call.Type.TEARDOWN));
            await().atMost(Duration.ofSeconds(30)).until(() -> master.frameworks().stream()
                    .noneMatch(f -> f.path("id").asText().equals(frameworkId.value())));
        } catch (RuntimeException e) {
            // the master may be gone already
        } finally {
            client.close();
        }
    }
}
