package io.strata.testing.framework;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.mesos.Value;
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
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A real framework for tests: subscribes over the v1 scheduler API, launches each queued {@link Launch} on the next
 * offer that fits (0.1 CPU, 32 MiB, and the offer's first free port when asked), acknowledges every update and
 * records every update in order and when each task first reached each state. Tests that launch something else (task
 * groups, executors) plug an {@link OfferPlanner} in, which sees each offer first. Threading: events arrive on the
 * client's reader thread; the test thread queues launches and waits for states.
 */
public final class TestFramework implements EventListener, AutoCloseable {
    /** How long {@link #awaitState} and subscription wait. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * A task to launch.
     *
     * @param taskId its id
     * @param name its name (what Mesos-DNS names it by)
     * @param command a shell command
     * @param withPort whether to take the offer's first free port (see {@link #port})
     * @param discovery its DiscoveryInfo, or null
     */
    public record Launch(String taskId, String name, String command, boolean withPort,
                         TaskInfo.DiscoveryInfo discovery) {
        /** Id, name and command are required. */
        public Launch {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(command, "command");
        }

        /** A task named as its id, running {@code command}, with no port. */
        public static Launch command(String taskId, String command) {
            return new Launch(taskId, taskId, command, false, null);
        }
    }

    /**
     * Sees each offer before the framework's own queue: the operations to accept it with, or an empty list to leave
     * it to the queue (which declines it when empty). Called on the client's reader thread.
     */
    @FunctionalInterface
    public interface OfferPlanner {
        /** The operations to accept {@code offer} with (filters: refuse 0 s), or none. */
        List<Offer.Operation> operations(Offer offer);
    }

    private final SchedulerClient client;
    private final MasterClient master;
    private final ConcurrentLinkedQueue<Launch> toLaunch = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<TaskState, Long>> reached = new ConcurrentHashMap<>();
    private final Map<String, Long> ports = new ConcurrentHashMap<>();
    private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    private final OfferPlanner planner;
    private volatile FrameworkId frameworkId;

    private TestFramework(String masterUrl, OfferPlanner planner) {
        this.master = MasterClient.of(URI.create(masterUrl));
        this.client = SchedulerClient.of(URI.create(masterUrl));
        this.planner = planner;
    }

    /** Subscribes to the master at {@code masterUrl} as {@code name} (user root) and waits for SUBSCRIBED. */
    public static TestFramework subscribe(String masterUrl, String name) {
        return subscribe(masterUrl, info(name, null));
    }

    /** A FrameworkInfo for {@code name} (user root, role *, 60 s failover, checkpointing) with a web UI URL or null. */
    public static FrameworkInfo info(String name, String webuiUrl) {
        return new FrameworkInfo("root", name, null, 60.0, true, "*", "127.0.0.1", null, webuiUrl, List.of(), null);
    }

    /** Subscribes to the master at {@code masterUrl} with {@code info} and waits for SUBSCRIBED. */
    public static TestFramework subscribe(String masterUrl, FrameworkInfo info) {
        return subscribe(masterUrl, info, offer -> List.of());
    }

    /**
     * Subscribes to the master at {@code masterUrl} with {@code info}, letting {@code planner} use offers first, and
     * waits for SUBSCRIBED.
     */
    public static TestFramework subscribe(String masterUrl, FrameworkInfo info, OfferPlanner planner) {
        TestFramework framework = new TestFramework(masterUrl, planner);
        framework.client.subscribe(info, framework);
        if (!waitFor(() -> framework.frameworkId != null, WAIT)) {
            framework.client.close();
            throw new IllegalStateException("framework " + info.name() + " was not SUBSCRIBED within " + WAIT);
        }
        return framework;
    }

    /** The id the master gave this framework. */
    public String frameworkId() {
        return frameworkId.value();
    }

    /** Asks the master for offers again (after a launch was queued elsewhere, e.g. for the planner). */
    public void revive() {
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Every update of the task received so far, in arrival order (each was acknowledged). */
    public List<TaskStatus> updates(String taskId) {
        return updates.stream().filter(s -> s.taskId().value().equals(taskId)).toList();
    }

    /** Queues a task for the next offer and revives offers. */
    public void launch(Launch launch) {
        toLaunch.add(launch);
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Queues a task named {@code taskId} running {@code command}. */
    public void launch(String taskId, String command) {
        launch(Launch.command(taskId, command));
    }

    /** Asks the master to kill a task. */
    public void kill(String taskId) {
        client.call(Call.kill(frameworkId, new Call.Kill(new TaskId(taskId), null, null)));
    }

    /**
     * Waits (up to {@link #WAIT}) until the task reached {@code state}; returns {@code System.nanoTime()} of the
     * update's arrival.
     *
     * @throws AssertionError when it does not
     */
    public long awaitState(String taskId, TaskState state) {
        if (!waitFor(() -> reached.getOrDefault(taskId, Map.of()).containsKey(state), WAIT)) {
            throw new AssertionError("task " + taskId + " did not reach " + state + " within " + WAIT
                    + "; reached " + reached.getOrDefault(taskId, Map.of()).keySet());
        }
        return reached.get(taskId).get(state);
    }

    /** The host port a task was given, if it asked for one and was launched. */
    public OptionalLong port(String taskId) {
        Long port = ports.get(taskId);
        return port == null ? OptionalLong.empty() : OptionalLong.of(port);
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
        List<Offer.Operation> planned = planner.operations(offer);
        if (!planned.isEmpty()) {
            client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()), planned, new Filters(0.0))));
            return;
        }
        Launch launch = toLaunch.poll();
        long port = offer.resources().stream().filter(r -> r.name().equals("ports") && r.ranges() != null)
                .flatMap(r -> r.ranges().range().stream()).mapToLong(Value.Range::begin).findFirst().orElse(-1);
        if (launch == null || (launch.withPort() && port < 0)) {
            if (launch != null) {
                toLaunch.add(launch);
            }
            client.call(Call.decline(frameworkId, new Call.Decline(List.of(offer.id()), new Filters(1.0))));
            return;
        }
        String resources = "cpus:0.1;mem:32";
        if (launch.withPort()) {
            ports.put(launch.taskId(), port);
            resources += ";ports:[" + port + "-" + port + "]";
        }
        TaskInfo task = new TaskInfo(launch.name(), new TaskId(launch.taskId()), offer.agentId(),
                ResourceWire.toWire(ResourceParser.parse(resources, Resource.UNRESERVED)),
                new CommandInfo(null, null, true, launch.command(), null, null), null, null, null, null, null,
                launch.discovery());
        client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(List.of(task)),
                        null)), new Filters(1.0))));
    }

    private void updated(TaskStatus status) {
        updates.add(status);
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

    /**
     * Tears the framework down (the master kills its tasks), waits (up to 30 s) until the master no longer lists
     * it, and closes the subscription, so the next test finds no task of ours running.
     */
    @Override
    public void close() {
        try {
            client.call(Call.of(frameworkId, Call.Type.TEARDOWN));
            String id = frameworkId.value();
            waitFor(() -> master.frameworks().stream().noneMatch(f -> f.path("id").asText().equals(id)),
                    Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // the master may be gone already
        } finally {
            client.close();
        }
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code limit} passes; errors count as not yet. */
    private static boolean waitFor(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not yet: the master may still be starting
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
