package io.strata.bench.launch;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
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
import io.strata.api.mesos.Value;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.bench.support.Latencies;
import io.strata.bench.support.LocalMaster;
import io.strata.client.EventListener;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real launch on the local agent: embedded ZooKeeper, a master and a real {@link Agent} (cgroups isolation)
 * in this JVM, and a scheduler-API framework that launches {@code /bin/true} (0.1 cpu, 32 MB) N times, one
 * at a time, measuring ACCEPT sent to TASK_RUNNING received. Interleaved with each launch, the same work is
 * done directly: mkdir a memory and a cpu cgroup (v1), write the limits, spawn
 * {@code sh -c 'echo $$ > memory/procs; echo $$ > cpu/procs; exec /bin/true'}, wait, rmdir. The overhead is
 * Strata's p50 minus the direct setup-and-spawn p50 (the point that corresponds to TASK_RUNNING).
 *
 * <p>A JFR recording of the master's and agent's {@code LaunchHop} events (see {@link LaunchHops}) then breaks the
 * Strata figure down per hop: HTTP to the master, the task's ZooKeeper write, RUN_TASK to the agent, the launch, the
 * update's checkpoint and its way back to the framework.
 *
 * <p>Usage (as root): {@code LocalLaunchBench [n=200] [warmup=20]}. Target: overhead p50 < 10 ms. With
 * {@code -Dlaunch.jfr=FILE} (in {@code BENCH_JAVA_OPTS}) the recording also holds every socket read and write (with
 * stacks) and is kept in FILE, to see each request's writes and the server's wake-ups ({@code jfr print}).
 */
public final class LocalLaunchBench {
    private static final double TARGET_OVERHEAD_MILLIS = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final String PLAIN_GROUP = "strata-bench-plain-" + ProcessHandle.current().pid();

    private final Map<OfferId, Offer> offers = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Boolean> offerSignal = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Object[]> updates = new LinkedBlockingQueue<>();
    private final LaunchHops hops = new LaunchHops();
    private SchedulerClient client;
    private volatile FrameworkId frameworkId;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("strata-local-launch");
        try (LocalMaster local = LocalMaster.start(c -> c);
             Agent agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, local.master().url(),
                     work.resolve("agent")).withResources("cpus:2;mem:2048;disk:10240"))) {
            new LocalLaunchBench().run(URI.create(local.master().url()), n, warmup);
        }
        System.exit(0);
    }

    private void run(URI master, int n, int warmup) throws Exception {
        subscribe(master);
        Files.createDirectories(CGROUP.resolve("memory").resolve(PLAIN_GROUP));
        Files.createDirectories(CGROUP.resolve("cpu").resolve(PLAIN_GROUP));
        long[] strata = new long[n];
        long[] plainSpawn = new long[n];
        long[] plainFull = new long[n];
        try {
            for (int i = -warmup; i < n; i++) {
                long viaStrata = launchOnce("true-" + (i + warmup));
                long[] direct = plainOnce(i + warmup);
                if (i >= 0) {
                    hops.measuredLaunch("true-" + (i + warmup));
                    strata[i] = viaStrata;
                    plainSpawn[i] = direct[0];
                    plainFull[i] = direct[1];
                }
            }
        } finally {
            Files.deleteIfExists(CGROUP.resolve("memory").resolve(PLAIN_GROUP));
            Files.deleteIfExists(CGROUP.resolve("cpu").resolve(PLAIN_GROUP));
            client.close();
        }
        report(n, warmup, Latencies.ofNanos(strata), Latencies.ofNanos(plainSpawn), Latencies.ofNanos(plainFull));
        hops.report();
        hops.close();
    }

    private void subscribe(URI master) {
        client = SchedulerClient.of(master);
        client.subscribe(new FrameworkInfo("root", "local-launch-bench", null, 0.0, false, "*", null, null, null,
                List.of(), null), new EventListener() {
                    @Override
                    public void onEvent(Event e) {
                        long now = System.nanoTime();
                        switch (e.type()) {
                            case SUBSCRIBED -> frameworkId = e.subscribed().frameworkId();
                            case OFFERS -> {
                                e.offers().offers().forEach(o -> offers.put(o.id(), o));
                                offerSignal.add(true);
                            }
                            case RESCIND -> offers.remove(e.rescind().offerId());
                            case UPDATE -> {
                                if (e.update().status().state() == TaskState.TASK_RUNNING) {
                                    LaunchHops.mark(e.update().status().taskId().value(), "running.received");
                                }
                                updates.add(new Object[] {e.update().status(), now});
                            }
                            default -> {
                            }
                        }
                    }

                    @Override
                    public void onStreamEnded(StrataClientException cause) {
                        System.err.println("stream ended: " + cause);
                    }
                });
    }

    /** Launches one /bin/true; returns nanoseconds from ACCEPT sent to TASK_RUNNING received. */
    private long launchOnce(String id) throws InterruptedException {
        while (offers.isEmpty()) {
            if (offerSignal.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS) == null) {
                throw new IllegalStateException("no offer within " + WAIT);
            }
        }
        List<Offer> using = new ArrayList<>(offers.values());
        using.forEach(o -> offers.remove(o.id()));
        TaskInfo task = new TaskInfo(id, new TaskId(id), using.get(0).agentId(),
                List.of(scalar("cpus", 0.1), scalar("mem", 32)),
                new CommandInfo(null, null, false, "/bin/true", List.of("/bin/true"), null),
                null, null, null, null, null, null);
        Call accept = Call.accept(frameworkId, new Call.Accept(using.stream().map(Offer::id).toList(),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(List.of(task)),
                        null)), new Filters(0.0)));
        long sent = System.nanoTime();
        LaunchHops.mark(id, "accept.sent");
        client.call(accept);
        LaunchHops.mark(id, "accept.answered");
        long running = awaitState(id, TaskState.TASK_RUNNING);
        awaitState(id, TaskState.TASK_FINISHED);
        return running - sent;
    }

    /** Waits for the task's update in {@code state}, acknowledging everything; returns its receipt time. */
    private long awaitState(String id, TaskState state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Object[] u = updates.poll(100, TimeUnit.MILLISECONDS);
            if (u == null) {
                continue;
            }
            TaskStatus s = (TaskStatus) u[0];
            if (s.uuid() != null) {
                client.call(Call.acknowledge(frameworkId, new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid())));
            }
            if (s.taskId().value().equals(id)) {
                if (s.state() == state) {
                    return (long) u[1];
                }
                if (s.state().isTerminal() && s.state() != TaskState.TASK_FINISHED) {
                    throw new IllegalStateException(id + " ended " + s.state() + ": " + s.message());
                }
            }
        }
        throw new IllegalStateException("no " + state + " for " + id + " within " + WAIT);
    }

    private static Resource scalar(String name, double value) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, "*", null);
    }

    /**
     * The same work done directly: cgroups made and limited, /bin/true spawned into them, reaped, cgroups
     * removed. Returns {setup..spawned, setup..removed} in nanoseconds.
     */
    private static long[] plainOnce(int i) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path memory = Files.createDirectory(CGROUP.resolve("memory").resolve(PLAIN_GROUP).resolve("c" + i));
        Path cpu = Files.createDirectory(CGROUP.resolve("cpu").resolve(PLAIN_GROUP).resolve("c" + i));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(32L << 20));
        Files.writeString(cpu.resolve("cpu.shares"), "102");
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000");
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "10000");
        Process p = new ProcessBuilder("sh", "-c", "echo $$ > " + memory.resolve("cgroup.procs") + "; echo $$ > "
                + cpu.resolve("cgroup.procs") + "; exec /bin/true").start();
        long spawned = System.nanoTime();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("plain launch " + i + " failed");
        }
        Files.delete(memory);
        Files.delete(cpu);
        return new long[] {spawned - start, System.nanoTime() - start};
    }

    private static void report(int n, int warmup, Latencies strata, Latencies spawn, Latencies full) {
        double overhead = strata.percentile(50) - spawn.percentile(50);
        System.out.println();
        System.out.printf("LocalLaunchBench (real agent, cgroups v1, /bin/true, N=%d after %d warm-up)%n", n, warmup);
        System.out.printf("%-58s %s%n", "Strata: ACCEPT sent -> TASK_RUNNING received", strata.summary());
        System.out.printf("%-58s %s%n", "direct: mkdir+limits+spawn into cgroups", spawn.summary());
        System.out.printf("%-58s %s%n", "direct: ... + wait exit + rmdir (full cycle)", full.summary());
        System.out.printf("overhead p50 (Strata p50 - direct spawn p50): %.2f ms; p99: %.2f ms; vs full cycle p50: "
                        + "%.2f ms%n", overhead, strata.percentile(99) - spawn.percentile(99),
                strata.percentile(50) - full.percentile(50));
        System.out.printf("target overhead p50 < %.0f ms: %s%n", TARGET_OVERHEAD_MILLIS,
                overhead < TARGET_OVERHEAD_MILLIS ? "MET" : "MISSED");
    }
}
