package io.strata.bench.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.bench.support.LocalMaster;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduler throughput: {@code pods} pods (default 30,000) onto {@code agents} hollow agents (default 5,000) through
 * the real master; reports pods bound per second (create of the first pod to the last binding) and pods Running per
 * second (hollow agents answer RUN_TASK_GROUP with TASK_RUNNING at once), and create-to-Running latencies.
 * {@code bash bench/run.sh SchedulerBench [pods] [agents] [live|backlog]}.
 *
 * <p>{@code live} (default) creates the pods while the scheduler runs, so the creation rate bounds the binding rate.
 * {@code backlog} measures the scheduler alone, as upstream's scheduler_perf does with pending pods: the nodes are
 * registered by a first framework process, the pods created through an API server without a scheduler, then a
 * framework with its scheduler starts and finds them all pending; the clock starts at its start. Both modes also
 * print the steady rate between the 10th and the 90th percent of bindings.
 */
public final class SchedulerBench {

    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        boolean backlog = args.length > 2 && args[2].equals("backlog");
        try (LocalMaster local = LocalMaster.start(c -> c.withAllocationInterval(Duration.ofMillis(100)));
             HollowCluster cluster = HollowCluster.builder(URI.create(local.master().url()))
                     .agents(agents, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))
                             .withResources("cpus:32;mem:131072;disk:100000"))
                     .start()) {
            // 5,000 agents on a loaded 2-core machine take minutes to subscribe (3 minutes were too few at load 20-30)
            if (!cluster.awaitSubscribed(Duration.ofMinutes(8))) {
                throw new IllegalStateException("hollow agents did not subscribe within 8 minutes");
            }
            KubernetesConfig withScheduler = new KubernetesConfig(local.zkWithPath(), local.master().url(),
                    "127.0.0.1", 0, null, 100_000);
            if (backlog) {
                backlog(withScheduler, pods, agents);
            } else {
                try (KubernetesFramework framework = KubernetesFramework.start(withScheduler)) {
                    run(framework, pods, agents);
                }
            }
        }
        System.exit(0);
    }

    private static void backlog(KubernetesConfig withScheduler, int pods, int agents) throws Exception {
        try (KubernetesFramework framework = KubernetesFramework.start(withScheduler)) {
            awaitNodes(framework, agents);
        }
        KubernetesConfig apiOnly = new KubernetesConfig(withScheduler.zk(), "", "127.0.0.1", 0, null, 100_000);
        try (KubernetesFramework framework = KubernetesFramework.start(apiOnly)) {
            long t0 = System.nanoTime();
            createPods(framework.resources(), pods, new ConcurrentHashMap<>());
            System.out.printf("%d pending pods created in %.1f s (no scheduler running)%n", pods,
                    (System.nanoTime() - t0) / 1e9);
        }
        ThreadCpu cpu = ThreadCpu.now();
        long start = System.nanoTime();
        try (KubernetesFramework framework = KubernetesFramework.start(withScheduler)) {
            System.out.printf("framework started in %.1f s (loads the store, starts controllers, subscribes)%n",
                    (System.nanoTime() - start) / 1e9);
            long[] before = transactionCounts(framework);
            Progress progress = watch(framework, new ConcurrentHashMap<>(), pods);
            progress.await(pods, 600_000, start);
            progress.report(pods, start, 0);
            cpu.report(pods, (System.nanoTime() - start) / 1e9);
            long[] after = transactionCounts(framework);
            if (before != null && after != null) {
                long transactions = after[0] - before[0];
                long writes = after[1] - before[1];
                System.out.printf("store while scheduling: %d object writes (%.2f per pod) in %d ZooKeeper"
                        + " transactions (%.2f per pod, %.1f writes per transaction)%n", writes,
                        (double) writes / pods, transactions, (double) transactions / pods,
                        (double) writes / Math.max(1, transactions));
            }
        }
    }

    /**
     * The store's {@code transactionCounts()} (transactions sent, object writes committed), looked up reflectively
     * so that this bench also runs against builds whose store has no batching (A/B on one jar), else null.
     */
    private static long[] transactionCounts(KubernetesFramework framework) {
        try {
            return (long[]) framework.store().getClass().getMethod("transactionCounts").invoke(framework.store());
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Bindings and Running transitions seen on the watch, with their times. */
    private record Progress(AtomicInteger bound, AtomicInteger running, long[] boundAt, long[] lastRunning,
            List<Long> startup) {

        /**
         * Waits for every pod to be bound and Running, printing the counts each second with the wall clock (to
         * line a profile up with the phases: start-up, binding, launching).
         */
        void await(int pods, long millis, long start) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            long nextPrint = System.currentTimeMillis() + 1_000;
            System.out.printf("scheduling starts at %s%n", java.time.Instant.now());
            while ((bound.get() < pods || running.get() < pods) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                if (System.currentTimeMillis() >= nextPrint) {
                    nextPrint += 1_000;
                    System.out.printf("  %5.1f s: %d bound, %d Running%n", (System.nanoTime() - start) / 1e9,
                            bound.get(), running.get());
                }
            }
            System.out.printf("scheduling ends at %s%n", java.time.Instant.now());
        }

        void report(int pods, long start, double createSeconds) {
            int n = Math.min(bound.get(), boundAt.length);
            double bindSeconds = n == 0 ? 0 : (boundAt[n - 1] - start) / 1e9;
            double runSeconds = (lastRunning[0] - start) / 1e9;
            if (createSeconds > 0) {
                System.out.printf("%d pods created in %.1f s (%.0f/s)%n", pods, createSeconds, pods / createSeconds);
            }
            System.out.printf("%d of %d bound in %.1f s: %.0f pods/s%n", bound.get(), pods, bindSeconds,
                    bound.get() / bindSeconds);
            if (n >= 10) {
                int from = n / 10;
                int to = n * 9 / 10;
                System.out.printf("steady binding rate (10%% -> 90%% of bindings): %.0f pods/s%n",
                        (to - from) / ((boundAt[to - 1] - boundAt[from]) / 1e9));
            }
            System.out.printf("%d of %d Running in %.1f s: %.0f pods/s%n", running.get(), pods, runSeconds,
                    running.get() / runSeconds);
            List<Long> sorted = new ArrayList<>(startup);
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                System.out.printf("create -> Running ms: p50 %.0f p99 %.0f max %.0f%n",
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                        sorted.get(sorted.size() - 1) / 1e6);
            }
        }
    }

    /**
     * CPU time by thread group (names with digits folded) since a snapshot, to split the JVM's time between the
     * scheduler's loop, its store writes, the master, the hollow agents and ZooKeeper on a loaded machine.
     * Virtual threads count in their carriers ({@code ForkJoinPool-*-worker-*}).
     */
    private record ThreadCpu(Map<Long, Long> before, Map<Long, String> names, long processBefore) {

        static ThreadCpu now() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Long, Long> times = new java.util.HashMap<>();
            Map<Long, String> names = new java.util.HashMap<>();
            for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t != null) {
                    times.put(t.getThreadId(), mx.getThreadCpuTime(t.getThreadId()));
                    names.put(t.getThreadId(), t.getThreadName());
                }
            }
            return new ThreadCpu(times, names, processCpu());
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        void report(int pods, double wallSeconds) {
            ThreadCpu after = now();
            Map<String, Long> byGroup = new java.util.TreeMap<>();
            after.before().forEach((id, t) -> {
                long spent = t - before.getOrDefault(id, 0L);
                String group = after.names().get(id).replaceAll("[0-9]+", "#");
                byGroup.merge(group, Math.max(0, spent), Long::sum);
            });
            double process = (after.processBefore() - processBefore) / 1e9;
            System.out.printf("CPU in %.1f s wall: process %.1f s (%.2f ms per pod); by thread group (>= 1%%):%n",
                    wallSeconds, process, process * 1e3 / pods);
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() / 1e9 >= process / 100)
                    .forEach(e -> System.out.printf("  %6.1f s %5.1f%%  %s%n", e.getValue() / 1e9,
                            100 * e.getValue() / 1e9 / process, e.getKey()));
        }
    }

    private static void awaitNodes(KubernetesFramework framework, int agents) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (countNodes(framework) < agents && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        System.out.printf("nodes registered: %d of %d%n", countNodes(framework), agents);
    }

    private static Progress watch(KubernetesFramework framework, Map<String, Long> created, int pods) {
        Progress p = new Progress(new AtomicInteger(), new AtomicInteger(), new long[pods], new long[1],
                Collections.synchronizedList(new ArrayList<>()));
        framework.store().watch("pods", "bench", framework.store().revision(), e -> {
            if (e.object() == null) {
                return;
            }
            String name = e.object().path("metadata").path("name").asText();
            boolean isBound = !e.object().path("spec").path("nodeName").asText("").isEmpty();
            boolean wasBound = e.previous() != null
                    && !e.previous().path("spec").path("nodeName").asText("").isEmpty();
            if (isBound && !wasBound) {
                int i = p.bound().getAndIncrement();
                if (i < pods) {
                    p.boundAt()[i] = System.nanoTime();
                }
            }
            boolean isRunning = e.object().path("status").path("phase").asText().equals("Running");
            boolean wasRunning = e.previous() != null
                    && e.previous().path("status").path("phase").asText().equals("Running");
            if (isRunning && !wasRunning) {
                p.running().incrementAndGet();
                p.lastRunning()[0] = System.nanoTime();
                Long t0 = created.get(name);
                if (t0 != null) {
                    p.startup().add(System.nanoTime() - t0);
                }
            }
        });
        return p;
    }

    private static void createPods(ResourceService service, int pods, Map<String, Long> created) {
        ResourceType podType = service.catalog().find("v1", "pods").orElseThrow();
        ObjectNode ns = JsonNodeFactory.instance.objectNode();
        ns.putObject("metadata").put("name", "bench");
        if (service.store().get(ResourceService.key(service.catalog().find("v1", "namespaces").orElseThrow(), "",
                "bench")).isEmpty()) {
            service.create(service.catalog().find("v1", "namespaces").orElseThrow(), "", ns,
                    RequestOptions.of("bench"));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < pods; i++) {
                String name = "p" + i;
                pool.execute(() -> {
                    ObjectNode pod = JsonNodeFactory.instance.objectNode();
                    pod.put("apiVersion", "v1").put("kind", "Pod");
                    pod.putObject("metadata").put("name", name).put("namespace", "bench");
                    ObjectNode c = pod.putObject("spec").putArray("containers").addObject();
                    c.put("name", "c").put("image", "busybox");
                    c.putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "16Mi");
                    created.put(name, System.nanoTime());
                    service.create(podType, "bench", pod, RequestOptions.of("bench"));
                });
            }
        }
    }

    private static void run(KubernetesFramework framework, int pods, int agents) throws Exception {
        ResourceService service = framework.resources();
        awaitNodes(framework, agents);
        Map<String, Long> created = new ConcurrentHashMap<>();
        Progress progress = watch(framework, created, pods);
        long start = System.nanoTime();
        createPods(service, pods, created);
        long createdAt = System.nanoTime();
        progress.await(pods, 600_000, start);
        progress.report(pods, start, (createdAt - start) / 1e9);
    }

    private static int countNodes(KubernetesFramework framework) {
        int[] n = new int[1];
        framework.store().scan("nodes", "", o -> n[0]++);
        return n[0];
    }
}
