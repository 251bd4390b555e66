package io.strata.bench.launch;

import io.strata.bench.support.Latencies;
import io.strata.bench.support.LaunchingFramework;
import io.strata.bench.support.LocalMaster;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Launch throughput through the master: an in-process master (HTTP on loopback, embedded ZooKeeper) with
 * {@code agents} hollow agents, and a framework that accepts every offer and launches 0.1 cpu / 32 MB tasks
 * until {@code tasks} are running, acknowledging every update. Prints tasks/s from the first ACCEPT sent to
 * the last TASK_RUNNING received, and the ACCEPT-to-TASK_RUNNING latency percentiles. A warm-up framework
 * first launches {@code warmup} tasks and is torn down.
 *
 * <p>Usage: {@code LaunchThroughputBench [agents=1000] [tasks=20000] [warmup=5000]
 * [agentResources=cpus:2;mem:1024;disk:10240] [mode=batched] [rounds=1]}. Target: >= 5,000 tasks/s.
 *
 * <p>Modes: {@code batched} (hollow agents send their updates through {@code POST /api/v1/agent/batch}, the
 * framework its calls through {@code POST /api/v1/scheduler/batch}), {@code single} (one Mesos call per update,
 * acknowledgement and accept), or {@code ab}: both against the same master and agents, alternating
 * single/batched for {@code rounds} pairs, each round a fresh framework torn down afterwards, so that both see the
 * same machine load.
 */
public final class LaunchThroughputBench {
    private static final double TARGET_TASKS_PER_SECOND = 5_000;

    private LaunchThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        String resources = args.length > 3 ? args[3] : "cpus:2;mem:1024;disk:10240";
        try (LocalMaster local = LocalMaster.start(c -> c);
             HollowCluster cluster = HollowCluster.builder(URI.create(local.master().url()))
                     .agents(agents, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))
                             .withResources(resources))
                     .start()) {
            URI master = URI.create(local.master().url());
            long t0 = System.nanoTime();
            if (!cluster.awaitSubscribed(Duration.ofMinutes(2))) {
                throw new IllegalStateException("hollow agents did not all subscribe within 2 minutes");
            }
            System.out.printf("%d hollow agents subscribed in %.1f s%n", agents, (System.nanoTime() - t0) / 1e9);
            String mode = args.length > 4 ? args[4] : "batched";
            int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
            if (warmup > 0) {
                cluster.batchUpdates(!mode.equals("single"));
                try (LaunchingFramework w = new LaunchingFramework(master, "warmup", "*", warmup, 0.1, 32,
                        !mode.equals("single"))) {
                    boolean ok = w.awaitAllRunning(Duration.ofMinutes(5));
                    System.out.printf("warm-up: %d tasks running (%s), %.0f tasks/s; tearing down%n", w.running(),
                            ok ? "all" : "TIMED OUT", w.running() / w.elapsedSeconds());
                    w.teardown();
                }
                settle(cluster);
            }
            List<String> runs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (boolean batched : mode.equals("ab") ? new boolean[] {false, true}
                        : new boolean[] {!mode.equals("single")}) {
                    cluster.batchUpdates(batched);
                    try (LaunchingFramework f = new LaunchingFramework(master, "launch-bench-" + r + (batched ? "b" : "s"),
                            "*", tasks, 0.1, 32, batched)) {
                        boolean ok = f.awaitAllRunning(Duration.ofMinutes(10));
                        runs.add(report(agents, tasks, f, ok, cluster, batched ? "batched" : "single"));
                        f.teardown();
                    }
                    settle(cluster);
                }
            }
            System.out.println();
            System.out.println("summary (" + mode + ", load average " + loadAverage() + "):");
            runs.forEach(System.out::println);
        }
        System.exit(0);
    }

    /**
     * Waits until the agents run nothing and every TASK_KILLED they owe reached the master (a next round must not
     * compete with the last one's teardown), then lets the master settle.
     */
    private static void settle(HollowCluster cluster) throws InterruptedException {
        waitUntil(() -> cluster.runningTasks() == 0, Duration.ofMinutes(2));
        waitUntil(() -> cluster.pendingUpdates() == 0, Duration.ofMinutes(5));
        Thread.sleep(2_000);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String report(int agents, int tasks, LaunchingFramework f, boolean ok, HollowCluster cluster,
                                 String mode) throws InterruptedException {
        Latencies l = f.latencies();
        double perSecond = f.running() / f.elapsedSeconds();
        Thread.sleep(1_000); // acknowledgements in flight
        System.out.println();
        System.out.println("LaunchThroughputBench (in-process master, HTTP on loopback, hollow agents), " + mode
                + ", load average " + loadAverage());
        System.out.printf("%-8s %-8s %-9s %-10s %-12s %s%n", "agents", "tasks", "running", "elapsed", "tasks/s",
                "ACCEPT->TASK_RUNNING latency");
        System.out.printf("%-8d %-8d %-9d %-10s %-12.0f %s%n", agents, tasks, f.running(),
                String.format("%.2f s", f.elapsedSeconds()), perSecond, l.summary());
        System.out.printf("target >= %.0f tasks/s: %s%s%n", TARGET_TASKS_PER_SECOND,
                perSecond >= TARGET_TASKS_PER_SECOND ? "MET" : "MISSED", ok ? "" : " (timed out)");
        System.out.printf("framework: failed calls %d, non-RUNNING updates %d; agents: acknowledged %d, "
                        + "unacknowledged %d, failed calls %d%n", f.failedCalls(), f.otherStates(),
                cluster.acknowledged(), cluster.unacknowledged(), cluster.failedCalls());
        return String.format("  %-8s %6.0f tasks/s  first RUNNING after %.2f s  %s%s", mode, perSecond,
                f.firstRunningSeconds(), l.summary(), ok ? "" : " (timed out)");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
