package io.strata.dns;

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
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small real framework for the end-to-end tests: subscribes over the scheduler API, launches each queued
 * {@code sleep} task on the next offer with the offer's first free port (and an optional DiscoveryInfo), and
 * records when each task reached each state. Threading: events arrive on the client's reader thread.
 */
final class DnsFramework implements EventListener, AutoCloseable {
    /** A task to launch: its id, name and DiscoveryInfo (null for none). */
    record Launch(String taskId, String name, TaskInfo.DiscoveryInfo discovery) {
    }

    private final SchedulerClient client;
    private final ConcurrentLinkedQueue<Launch> toLaunch = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<TaskState, Long>> reached = new ConcurrentHashMap<>();
    private final Map<String, Long> ports = new ConcurrentHashMap<>();
    private volatile FrameworkId frameworkId;

    DnsFramework(String master, String name) {
        client = SchedulerClient.of(URI.create(master));
        client.subscribe(new FrameworkInfo("root", name, null, 60.0, true, "*", "127.0.0.1", null, null, List.of(),
                null), this);
        await().atMost(Duration.ofSeconds(30)).until(() -> frameworkId != null);
    }

    /** Queues a task for the next offer. */
    void launch(Launch launch) {
        toLaunch.add(launch);
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Kills a task. */
    void kill(String taskId) {
        client.call(Call.kill(frameworkId, new Call.Kill(new TaskId(taskId), null, null)));
    }

    /** Waits until a task reached {@code state}; returns System.nanoTime() of the update's arrival. */
    long awaitState(String taskId, TaskState state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> reached.getOrDefault(taskId, Map.of()).containsKey(state));
        return reached.get(taskId).get(state);
    }

    /** The host port a task was given. */
    long port(String taskId) {
        return ports.get(taskId);
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
        long port = offer.resources().stream().filter(r -> r.name().equals("ports") && r.ranges() != null)
                .flatMap(r -> r.ranges().range().stream()).mapToLong(io.strata.api.mesos.Value.Range::begin)
                .findFirst().orElse(-1);
        if (launch == null || port < 0) {
            if (launch != null) {
                toLaunch.add(launch);
            }
            client.call(Call.decline(frameworkId, new Call.Decline(List.of(offer.id()), new Filters(1.0))));
            return;
        }
        ports.put(launch.taskId(), port);
        TaskInfo task = new TaskInfo(launch.name(), new TaskId(launch.taskId()), offer.agentId(),
                ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32;ports:[" + port + "-" + port + "]",
                        Resource.UNRESERVED)),
                new CommandInfo(null, null, true, "sleep 600", null, null), null, null, null, null, null,
                launch.discovery());
        client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(List.of(task)),
                        null)), new Filters(1.0))));
    }

    private void updated(TaskStatus status) {
        reached.computeIfAbsent(status.taskId().value(), k -> new ConcurrentHashMap<>())
                .putIfAbsent(status.state(), System.nanoTime());
        if (status.uuid() != null && status.agentId() != null) {
            client.call(Call.acknowledge(frameworkId,
                    new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid())));
        }
    }

    @Override
    public void onStreamEnded(StrataClientException cause) {
        // the test ends the framework
    }

    /** Tears the framework down (its tasks are killed) and closes the subscription. */
    @Override
    public void close() {
        try {
            client.call(Call.of(frameworkId, Call.Type.TEARDOWN));
        } catch (RuntimeException e) {
            // the master may be gone already
        } finally {
            client.close();
        }
    }
}
