package io.strata.bench.image;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
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
import io.strata.api.mesos.Value;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduler-API framework that launches image tasks (shell commands in a Docker/OCI image) on the offers it
 * holds, acknowledges every update, and records per task when its ACCEPT was sent, when TASK_RUNNING arrived and
 * how it ended. Calls other than ACCEPT are posted from virtual threads so the event reader never waits on HTTP.
 */
final class ImageTaskFramework implements AutoCloseable {
    /** One launched task: its ACCEPT send time and futures of its TASK_RUNNING receipt and terminal status. */
    record Launched(String id, AgentId agentId, long acceptNanos, CompletableFuture<Long> running,
                    CompletableFuture<TaskStatus> terminal) {
    }

    private final SchedulerClient client;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<OfferId, Offer> offers = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Boolean> offerSignal = new LinkedBlockingQueue<>();
    private final Map<String, Launched> tasks = new ConcurrentHashMap<>();
    private final CompletableFuture<FrameworkId> id = new CompletableFuture<>();

    /** Subscribes a framework named {@code name} in role {@code *}. */
    ImageTaskFramework(URI master, String name) {
        client = SchedulerClient.of(master);
        client.subscribe(new FrameworkInfo("root", name, null, 0.0, false, "*", null, null, null, List.of(), null),
                new EventListener() {
                    @Override
                    public void onEvent(Event e) {
                        handle(e, System.nanoTime());
                    }

                    @Override
                    public void onStreamEnded(StrataClientException cause) {
                        System.err.println(name + ": stream ended: " + cause);
                    }
                });
    }

    private void handle(Event e, long now) {
        switch (e.type()) {
            case SUBSCRIBED -> id.complete(e.subscribed().frameworkId());
            case OFFERS -> {
                e.offers().offers().forEach(o -> offers.put(o.id(), o));
                offerSignal.add(true);
            }
            case RESCIND -> offers.remove(e.rescind().offerId());
            case UPDATE -> update(e.update().status(), now);
            default -> {
                // heartbeats and failures need nothing here
            }
        }
    }

    private void update(TaskStatus s, long now) {
        if (s.uuid() != null && s.agentId() != null) {
            post(Call.acknowledge(frameworkId(), new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid())));
        }
        Launched t = tasks.get(s.taskId().value());
        if (t == null) {
            return;
        }
        if (s.state() == TaskState.TASK_RUNNING) {
            t.running().complete(now);
        } else if (s.state().isTerminal()) {
            t.running().completeExceptionally(new IllegalStateException(t.id() + " ended " + s.state()
                    + " before running: " + s.message()));
            t.terminal().complete(s);
        }
    }

    private FrameworkId frameworkId() {
        try {
            return id.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the framework was not subscribed within 30 s", e);
        }
    }

    private void post(Call call) {
        calls.execute(() -> {
            try {
                client.call(call);
            } catch (StrataClientException e) {
                System.err.println("call " + call.type() + " failed: " + e.getMessage());
            }
        });
    }

    /**
     * Waits for offers and launches one task per id, each of {@code cpus} / {@code memMb} running {@code command}
     * (a shell command) in {@code image}, in one ACCEPT of every offer held; returns once the ACCEPT was answered.
     */
    List<Launched> launch(List<String> ids, String image, String command, double cpus, double memMb,
                          Duration offerWait) throws InterruptedException {
        return launch(ids, id -> command, image, cpus, memMb, offerWait);
    }

    private List<Launched> launch(List<String> ids, java.util.function.UnaryOperator<String> command, String image,
                                  double cpus, double memMb, Duration offerWait) throws InterruptedException {
        long deadline = System.nanoTime() + offerWait.toNanos();
        while (offers.isEmpty()) {
            if (offerSignal.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS) == null
                    && System.nanoTime() > deadline) {
                throw new IllegalStateException("no offer within " + offerWait);
            }
        }
        List<Offer> using = new ArrayList<>(offers.values());
        using.forEach(o -> offers.remove(o.id()));
        AgentId agent = using.get(0).agentId();
        List<TaskInfo> infos = ids.stream().map(i -> task(i, agent, image, command.apply(i), cpus, memMb)).toList();
        Call accept = Call.accept(frameworkId(), new Call.Accept(using.stream().map(Offer::id).toList(),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(infos), null)),
                new Filters(0.0)));
        long sent = System.nanoTime();
        List<Launched> launched = ids.stream().map(i -> new Launched(i, agent, sent, new CompletableFuture<Long>(),
                new CompletableFuture<TaskStatus>())).toList();
        launched.forEach(t -> tasks.put(t.id(), t));
        client.call(accept);
        return launched;
    }

    /**
     * As {@link #launch(List, String, String, double, double, Duration)}, with each task's command made from
     * {@code commandFormat} ({@code %s} replaced by the probe command reporting the task's id).
     */
    List<Launched> launch(List<String> ids, String image, String commandFormat, double cpus, double memMb,
                          Duration offerWait, OutputProbe probe) throws InterruptedException {
        return launch(ids, id -> String.format(commandFormat, probe.command(id)), image, cpus, memMb, offerWait);
    }

    private static TaskInfo task(String id, AgentId agent, String image, String command, double cpus, double memMb) {
        ContainerInfo container = new ContainerInfo(ContainerInfo.Type.MESOS, null, null,
                new ContainerInfo.MesosInfo(new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                        new ContainerInfo.Image.DockerImage(image), null)), null);
        return new TaskInfo(id, new TaskId(id), agent, List.of(scalar("cpus", cpus), scalar("mem", memMb)),
                new CommandInfo(null, null, true, command, null, null), container, null, null, null, null, null);
    }

    private static Resource scalar(String name, double value) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, "*", null);
    }

    /** Sends KILL for a task (the agent stops it with the image's stop signal, then SIGKILL). */
    void kill(Launched t) {
        post(Call.kill(frameworkId(), new Call.Kill(new TaskId(t.id()), t.agentId(), null)));
    }

    /** Waits for a task's terminal status. */
    static TaskStatus awaitTerminal(Launched t, Duration timeout) {
        try {
            return t.terminal().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no terminal status for " + t.id() + " within " + timeout, e);
        }
    }

    /** Waits for a task's TASK_RUNNING; returns its receipt time (nanoTime). */
    static long awaitRunning(Launched t, Duration timeout) {
        try {
            return t.running().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no TASK_RUNNING for " + t.id() + " within " + timeout, e);
        }
    }

    @Override
    public void close() {
        calls.shutdown();
        try {
            calls.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
