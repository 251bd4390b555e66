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
 * {@code bash bench/run.sh SchedulerBench [pods] [agents]}.
 */
public final class SchedulerBench {

    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        try (LocalMaster local = LocalMaster.start(c -> c.withAllocationInterval(Duration.ofMillis(100)));
             HollowCluster cluster = HollowCluster.builder(URI.create(local.master().url()))
                     .agents(agents, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))
                             .withResources("cpus:32;mem:131072;disk:100000"))
                     .start()) {
            if (!cluster.awaitSubscribed(Duration.ofMinutes(3))) {
                throw new IllegalStateException("hollow agents did not subscribe within 3 minutes");
            }
            try (KubernetesFramework framework = KubernetesFramework.start(new KubernetesConfig(local.zkWithPath(),
                    local.master().url(), "127.0.0.1", 0, null, 100_000))) {
                run(framework, pods, agents);
            }
        }
        System.exit(0);
    }

    private static void run(KubernetesFramework framework, int pods, int agents) throws Exception {
        ResourceService service = framework.resources();
        ResourceType podType = service.catalog().find("v1", "pods").orElseThrow();
        long deadline = System.currentTimeMillis() + 180_000;
        while (countNodes(framework) < agents && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        System.out.printf("nodes registered: %d of %d%n", countNodes(framework), agents);
        Map<String, Long> created = new ConcurrentHashMap<>();
        List<Long> startup = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger bound = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        long[] lastBound = new long[1];
        long[] lastRunning = new long[1];
        framework.store().watch("pods", "bench", 0, e -> {
            if (e.object() == null) {
                return;
            }
            String name = e.object().path("metadata").path("name").asText();
            boolean isBound = !e.object().path("spec").path("nodeName").asText("").isEmpty();
            boolean wasBound = e.previous() != null
                    && !e.previous().path("spec").path("nodeName").asText("").isEmpty();
            if (isBound && !wasBound) {
                bound.incrementAndGet();
                lastBound[0] = System.nanoTime();
            }
            boolean isRunning = e.object().path("status").path("phase").asText().equals("Running");
            boolean wasRunning = e.previous() != null
                    && e.previous().path("status").path("phase").asText().equals("Running");
            if (isRunning && !wasRunning) {
                running.incrementAndGet();
                lastRunning[0] = System.nanoTime();
                Long t0 = created.get(name);
                if (t0 != null) {
                    startup.add(System.nanoTime() - t0);
                }
            }
        });
        ObjectNode ns = JsonNodeFactory.instance.objectNode();
        ns.putObject("metadata").put("name", "bench");
        service.create(service.catalog().find("v1", "namespaces").orElseThrow(), "", ns, RequestOptions.of("bench"));
        long start = System.nanoTime();
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
        long createdAt = System.nanoTime();
        deadline = System.currentTimeMillis() + 600_000;
        while ((bound.get() < pods || running.get() < pods) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        double createSeconds = (createdAt - start) / 1e9;
        double bindSeconds = (lastBound[0] - start) / 1e9;
        double runSeconds = (lastRunning[0] - start) / 1e9;
        System.out.printf("%d pods created in %.1f s (%.0f/s)%n", pods, createSeconds, pods / createSeconds);
        System.out.printf("%d of %d bound in %.1f s: %.0f pods/s%n", bound.get(), pods, bindSeconds,
                bound.get() / bindSeconds);
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

    private static int countNodes(KubernetesFramework framework) {
        int[] n = new int[1];
        framework.store().scan("nodes", "", o -> n[0]++);
        return n[0];
    }
}
