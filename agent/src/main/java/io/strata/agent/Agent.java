package io.strata.agent;

import io.strata.agent.http.AgentRoutes;
import io.strata.agent.isolation.Isolator;
import io.strata.agent.isolation.IsolatorChoice;
import io.strata.agent.isolation.Isolators;
import io.strata.agent.launcher.ProcessLauncher;
import io.strata.agent.status.StatusUpdateManager;
import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentEvent;
import io.strata.api.agent.AgentInfo;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.AttributeParser;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.ResourceParser;
import io.strata.core.resources.Resources;
import io.strata.server.HttpServer;
import io.strata.server.trace.LaunchHop;
import io.strata.server.wire.ResourceWire;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent process: fingerprints its resources, recovers checkpointed tasks, registers with the leading
 * master and runs the tasks it is sent. {@link #close()} leaves tasks running (as an agent crash would);
 * {@link #shutdown} kills them first.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    public static final String VERSION = "1.1.0";
    /** Heartbeat interval until the master names one (Mesos masters ask for ping timeout / 3 = 5 s). */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    /** How often the agent checks whether a heartbeat is due; also the shortest interval it honours. */
    static final Duration HEARTBEAT_TICK = Duration.ofMillis(100);

    /**
     * Platform threads that launch and kill tasks (see {@link #onEvent}), kept for a minute when idle: handing a
     * RUN_TASK to a waiting thread is cheaper on the launch path than starting a thread for it.
     */
    private final ExecutorService launchers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("strata-launch-", 0).factory());

    private final AgentConfig config;
    private final AgentPaths paths;
    private final Resources resources;
    private final Attributes attributes;
    private final Isolator isolator;
    private final ProcessLauncher launcher = new ProcessLauncher();
    private final StatusUpdateManager updates;
    private final Containers containers;
    private final HttpServer http;
    private final MasterChannel channel;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final double startTime = System.currentTimeMillis() / 1000.0;
    private volatile AgentId id;
    private volatile Duration heartbeatInterval = DEFAULT_HEARTBEAT;
    private volatile long lastHeartbeatNanos = System.nanoTime();

    private Agent(AgentConfig config) {
        this.config = config;
        this.paths = new AgentPaths(config.workDir());
        Containers.checkWritable(paths.workDir());
        this.resources = AgentResources.total(config.resources(), paths.workDir());
        this.attributes = config.attributes().isBlank() ? Attributes.EMPTY : AttributeParser.parse(config.attributes());
        this.isolator = isolator(config);
        this.channel = new MasterChannel(config.master(), this::subscribeCall, this::onEvent);
        this.updates = new StatusUpdateManager(channel::sendUpdate, InstantSource.system(), config.updateBackoff(),
                Duration.ofMinutes(10));
        this.containers = new Containers(paths, isolator, launcher, updates, InstantSource.system(), config.host(),
                new ImageContainers(config.images(), paths.workDir(), config.cgroupName(), config.host()));
        this.updates.onDone((taskId, stream) -> containers.forget(stream.frameworkId(), taskId));
        this.http = HttpServer.start(config.host(), config.port(), routes -> new AgentRoutes(this).register(routes));
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    }

    private static Isolator isolator(AgentConfig config) {
        if (config.isolation().equals("none")) {
            return Isolators.none(config.workDir().resolve("isolation"), config.cgroupName());
        }
        IsolatorChoice choice = Isolators.detect(Path.of("/sys/fs/cgroup"), config.cgroupName());
        return switch (choice) {
            case IsolatorChoice.Usable u -> u.isolator();
            case IsolatorChoice.Unusable u -> throw new IllegalStateException(u.message());
        };
    }

    /**
     * Starts an agent: recovers checkpointed tasks, then registers with the master in the background.
     *
     * @throws IllegalStateException when cgroups are unusable and isolation is not {@code none}, or the port
     *     cannot be bound
     */
    public static Agent start(AgentConfig config) {
        Agent a = new Agent(config);
        a.recover();
        a.launcher.startSpare(); // the first launch's supervisor
        a.channel.start();
        long beat = Math.max(200, config.updateBackoff().toMillis() / 2);
        a.timer.scheduleWithFixedDelay(a.updates::tick, beat, beat, TimeUnit.MILLISECONDS);
        a.timer.scheduleWithFixedDelay(a::heartbeatIfDue, HEARTBEAT_TICK.toMillis(), HEARTBEAT_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("agent listening on {} (isolation {}), resources {}", a.url(), a.isolator.name(), a.resources);
        return a;
    }

    /** Sends HEARTBEAT when the master's interval has passed since the last one. */
    private void heartbeatIfDue() {
        long now = System.nanoTime();
        if (now - lastHeartbeatNanos >= heartbeatInterval.toNanos()) {
            lastHeartbeatNanos = now;
            channel.heartbeat();
        }
    }

    /**
     * The interval the master asked for in SUBSCRIBED (a third of its ping timeout), kept within
     * [{@link #HEARTBEAT_TICK}, {@link #DEFAULT_HEARTBEAT}]; the default when it sent none.
     */
    static Duration heartbeatInterval(Double seconds) {
        if (seconds == null || !(seconds > 0) || seconds.isInfinite()) {
            return DEFAULT_HEARTBEAT;
        }
        Duration asked = Duration.ofMillis(Math.round(seconds * 1000));
        return asked.compareTo(HEARTBEAT_TICK) < 0 ? HEARTBEAT_TICK
                : asked.compareTo(DEFAULT_HEARTBEAT) > 0 ? DEFAULT_HEARTBEAT : asked;
    }

    private void recover() {
        paths.checkpointedAgentId().ifPresent(saved -> {
            id = saved;
            containers.agentId(saved);
            channel.agentId(saved);
            int n = containers.recover();
            containers.removeLeftoverContainers();
            LOG.info("recovered agent {} with {} task(s)", saved.value(), n);
        });
    }

    private AgentCall.Subscribe subscribeCall() {
        AgentInfo info = new AgentInfo(id, config.host(), http.port(), ResourceWire.toWire(resources),
                ResourceWire.toWire(attributes), VERSION);
        List<AgentCall.KnownTask> known = new ArrayList<>();
        Map<String, FrameworkInfo> frameworks = new LinkedHashMap<>();
        for (Container c : containers.all()) {
            TaskStatus latest = containers.latest(c).orElse(null);
            known.add(new AgentCall.KnownTask(c.framework.id(), c.task, latest, c.inGroup() ? c.pod.executor : null));
            frameworks.put(c.framework.id().value(), c.framework);
        }
        return new AgentCall.Subscribe(info, known, List.copyOf(frameworks.values()));
    }

    private void onEvent(AgentEvent event) {
        if (event.type() == null) {
            return;
        }
        switch (event.type()) {
            case SUBSCRIBED -> {
                AgentId assigned = event.subscribed().agentId();
                if (id == null) {
                    paths.checkpointAgentId(assigned);
                }
                id = assigned;
                containers.agentId(assigned);
                channel.agentId(assigned);
                heartbeatInterval = heartbeatInterval(event.subscribed().heartbeatIntervalSeconds());
                LOG.info("registered with the master as {} (heartbeat every {} ms)", assigned.value(),
                        heartbeatInterval.toMillis());
                if (event.subscribed().killTasks() != null) {
                    for (TaskId t : event.subscribed().killTasks()) {
                        containers.all().stream().filter(c -> c.task.taskId().equals(t)).findFirst()
                                .ifPresent(c -> containers.kill(c.framework.id(), t, null));
                    }
                }
                Thread.ofVirtual().start(updates::flush);
            }
            // Launches run on platform threads: spawning a process blocks in native code, which holds a virtual
            // thread's carrier (there are as many carriers as cores), so a burst of launches on virtual threads
            // stalled every other virtual thread of the agent (its master stream, status updates) meanwhile.
            case RUN_TASK -> {
                var run = event.runTask();
                String traced = run.task().taskId().value();
                LaunchHop.mark("agent", traced, "run_task.received");
                launchers.execute(() -> {
                    LaunchHop.mark("agent", traced, "launch.thread");
                    containers.launch(run.frameworkInfo(), run.task());
                });
            }
            case RUN_TASK_GROUP -> {
                var run = event.runTaskGroup();
                launchers.execute(() -> containers.launchGroup(run.frameworkInfo(), run.executor(),
                        run.taskGroup().tasks()));
            }
            case KILL_TASK -> {
                var kill = event.killTask();
                Duration grace = kill.killPolicy() != null && kill.killPolicy().gracePeriod() != null
                        ? Duration.ofNanos(kill.killPolicy().gracePeriod().nanoseconds()) : null;
                launchers.execute(() -> containers.kill(kill.frameworkId(), kill.taskId(), grace));
            }
            case ACKNOWLEDGE -> {
                var ack = event.acknowledge();
                Thread.ofVirtual().start(() -> updates.acknowledge(ack.taskId(), ack.uuid()));
            }
            case SHUTDOWN_FRAMEWORK -> containers.shutdownFramework(event.shutdownFramework().frameworkId());
            case HEARTBEAT, UNKNOWN -> {
            }
        }
    }

    public AgentConfig config() {
        return config;
    }

    /** The agent id once registered (or recovered). */
    public AgentId id() {
        return id;
    }

    public Resources resources() {
        return resources;
    }

    public Attributes attributes() {
        return attributes;
    }

    public Containers containers() {
        return containers;
    }

    public AgentPaths paths() {
        return paths;
    }

    public double startTime() {
        return startTime;
    }

    /** Whether the agent's stream to a master is open. */
    public boolean connected() {
        return channel.connected();
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    /** Kills every task (SIGTERM, grace, SIGKILL), then stops. */
    public void shutdown(Duration grace) {
        containers.killAll(grace);
        // give the terminal updates a moment to reach the master
        long deadline = System.currentTimeMillis() + 2000;
        while (updates.pendingStreams() > 0 && System.currentTimeMillis() < deadline && channel.connected()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    /** Stops the agent process parts; running tasks keep running and are recovered by the next agent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        containers.detach();
        channel.close();
        launchers.shutdown(); // after the channel: no RUN_TASK comes any more; launches under way finish
        http.close();
        launcher.close();
        isolator.removeHierarchy(); // only when no container group is left (after shutdown, not after a crash)
    }
}
