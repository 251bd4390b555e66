package io.strata.bench.launch;

import io.strata.bench.support.Latencies;
import io.strata.bench.support.LaunchingFramework;
import io.strata.bench.support.LocalMaster;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.net.URI;
import java.time.Duration;

/**
 * Launch throughput through the master: an in-process master (HTTP on loopback, embedded ZooKeeper) with
 * {@code agents} hollow agents, and a framework that accepts every offer and launches 0.1 cpu / 32 MB tasks
 * until {@code tasks} are running, acknowledging every update. Prints tasks/s from the first ACCEPT sent to
 * the last TASK_RUNNING received, and the ACCEPT-to-TASK_RUNNING latency percentiles. A warm-up framework
 * first launches {@code warmup} tasks and is torn down.
 *
 * <p>Usage: {@code LaunchThroughputBench [agents=1000] [tasks=20000] [warmup=5000]
 * [agentResources=cpus:2;mem:1024;disk:10240]}. Target: >= 5,000 tasks/s.
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
            if (warmup > 0) {
                try (LaunchingFramework w = new LaunchingFramework(master, "warmup", "*", warmup, 0.1, 32)) {
                    boolean ok = w.awaitAllRunning(Duration.ofMinutes(5));
                    System.out.printf("warm-up: %d tasks running (%s), %.0f tasks/s; tearing down%n", w.running(),
                            ok ? "all" : "TIMED OUT", w.running() / w.elapsedSeconds());
                    w.teardown();
                }
                waitUntil(() -> cluster.runningTasks() == 0, Duration.ofMinutes(2));
                Thread.sleep(2_000); // let the killed tasks' updates settle before measuring
            }
            try (LaunchingFramework f = new LaunchingFramework(master, "launch-bench", "*", tasks, 0.1, 32)) {
                boolean ok = f.awaitAllRunning(Duration.ofMinutes(10));
                report(agents, tasks, f, ok, cluster);
            }
        }
        System.exit(0);
    }

    private static void report(int agents, int tasks, LaunchingFramework f, boolean ok, HollowCluster cluster)
            throws InterruptedException {
        Latencies l = f.latencies();
        double perSecond = f.running() / f.elapsedSeconds();
        Thread.sleep(1_000); // acknowledgements in flight
        System.out.println();
        System.out.println("LaunchThroughputBench (in-process master, HTTP on loopback, hollow agents)");
        System.out.printf("%-8s %-8s %-9s %-10s %-12s %s%n", "agents", "tasks", "running", "elapsed", "tasks/s",
                "ACCEPT->TASK_RUNNING latency");
        System.out.printf("%-8d %-8d %-9d %-10s %-12.0f %s%n", agents, tasks, f.running(),
                String.format("%.2f s", f.elapsedSeconds()), perSecond, l.summary());
        System.out.printf("target >= %.0f tasks/s: %s%s%n", TARGET_TASKS_PER_SECOND,
                perSecond >= TARGET_TASKS_PER_SECOND ? "MET" : "MISSED", ok ? "" : " (timed out)");
        System.out.printf("framework: failed calls %d, non-RUNNING updates %d; agents: acknowledged %d, "
                        + "unacknowledged %d, failed calls %d%n", f.failedCalls(), f.otherStates(),
                cluster.acknowledged(), cluster.unacknowledged(), cluster.failedCalls());
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
