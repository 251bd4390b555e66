package io.strata.bench.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.agent.ImageSettings;
import io.strata.bench.support.Latencies;
import io.strata.bench.support.LocalMaster;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.Watch;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pod startup as the Kubernetes SLO measures it: a real master, a real agent (runc, cgroups) and the Kubernetes
 * framework in-process, busybox from a local registry pulled once by a warm-up pod; then {@code pods} pods (default
 * 30) created one after another, each waited for: latency from the create call to the watch event in which the pod's
 * phase turns Running, split into create -> bound (nodeName set) and bound -> Running. Target: p99 < 1 s. Needs root,
 * runc and the test registry ({@code docker-registry}). {@code bash bench/run.sh PodStartupBench [pods] [warmups]}.
 */
public final class PodStartupBench {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private PodStartupBench() {
    }

    /** Runs the warm-up pods, then the measured ones, and prints the percentiles. */
    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        if (!TestRegistry.isInstalled() || !TestImages.busyboxInstalled()) {
            throw new IllegalStateException("needs docker-registry and busybox (testing/ images)");
        }
        Path work = Files.createTempDirectory("strata-pod-startup-bench");
        String group = "strata-k8s-bench-" + ProcessHandle.current().pid();
        try (TestRegistry registry = TestRegistry.start()) {
            registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
            try (LocalMaster local = LocalMaster.start(c -> c.withAllocationInterval(Duration.ofMillis(100)));
                 Agent agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, local.master().url(),
                         work.resolve("agent")).withResources("cpus:8;mem:8192;disk:20480;ports:[31000-31999]")
                         .withCgroupName(group)
                         .withImages(new ImageSettings(registry.address(), Set.of(), "runc")));
                 KubernetesFramework k8s = KubernetesFramework.start(new KubernetesConfig(local.zkWithPath(),
                         local.master().url(), "127.0.0.1", 0, null, KubernetesConfig.DEFAULT_WATCH_WINDOW))) {
                new PodStartupBench.Run(k8s).measure(pods, warmups);
            }
        }
        System.exit(0);
    }

    /** One run against a started framework. */
    private static final class Run {
        private final KubernetesFramework k8s;
        private final ResourceService service;
        private final ResourceType podType;
        private final Map<String, CompletableFuture<Long>> boundAt = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> runningAt = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> goneAt = new ConcurrentHashMap<>();

        Run(KubernetesFramework k8s) {
            this.k8s = k8s;
            this.service = k8s.resources();
            this.podType = service.catalog().find("v1", "pods").orElseThrow();
        }

        private CompletableFuture<Long> slot(Map<String, CompletableFuture<Long>> map, String name) {
            return map.computeIfAbsent(name, n -> new CompletableFuture<>());
        }

        void measure(int pods, int warmups) throws Exception {
            awaitNode();
            Watch watch = k8s.store().watch("pods", "default", service.store().revision(), e -> {
                long now = System.nanoTime();
                String name = e.object().path("metadata").path("name").asText();
                switch (e.type()) {
                    case DELETED -> slot(goneAt, name).complete(now);
                    default -> {
                        if (!e.object().path("spec").path("nodeName").asText("").isEmpty()) {
                            slot(boundAt, name).complete(now);
                        }
                        if (e.object().path("status").path("phase").asText().equals("Running")) {
                            slot(runningAt, name).complete(now);
                        }
                    }
                }
            });
            try {
                for (int i = 0; i < warmups; i++) {
                    long[] t = startOne("warm-" + i);
                    System.out.printf("warm-up pod %d: Running after %.0f ms (the first pulls busybox)%n", i,
                            t[1] / 1e6);
                }
                long[] bound = new long[pods];
                long[] running = new long[pods];
                long[] total = new long[pods];
                for (int i = 0; i < pods; i++) {
                    long[] t = startOne("pod-" + i);
                    bound[i] = t[0];
                    running[i] = t[1] - t[0];
                    total[i] = t[1];
                }
                System.out.println();
                System.out.printf("%-32s %6s %9s %9s %9s%n", "pod startup (" + pods + " pods)", "count", "p50 ms",
                        "p99 ms", "max ms");
                row("create -> bound", Latencies.ofNanos(bound));
                row("bound -> Running", Latencies.ofNanos(running));
                row("create -> Running", Latencies.ofNanos(total));
                for (int i = 0; i < warmups; i++) {
                    delete("warm-" + i);
                }
                for (int i = 0; i < pods; i++) {
                    delete("pod-" + i);
                }
            } finally {
                watch.close();
            }
        }

        private static void row(String name, Latencies l) {
            System.out.printf("%-32s %6d %9.1f %9.1f %9.1f%n", name, l.count(), l.percentile(50), l.percentile(99),
                    l.percentile(100));
        }

        private void awaitNode() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                int[] n = new int[1];
                k8s.store().scan("nodes", "", o -> n[0]++);
                if (n[0] > 0) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("no node registered");
        }

        /** Creates one pod and waits until it runs; returns {create -> bound, create -> Running} in nanos. */
        private long[] startOne(String name) throws Exception {
            ObjectNode pod = JsonNodeFactory.instance.objectNode();
            pod.put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("metadata").put("name", name).put("namespace", "default");
            ObjectNode spec = pod.putObject("spec");
            spec.put("terminationGracePeriodSeconds", 0);
            ObjectNode c = spec.putArray("containers").addObject();
            c.put("name", "main").put("image", "busybox");
            c.putArray("command").add("sleep").add("3600");
            c.putObject("resources").putObject("limits").put("cpu", "50m").put("memory", "32Mi");
            long t0 = System.nanoTime();
            service.create(podType, "default", pod, RequestOptions.of("bench"));
            long running = slot(runningAt, name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long bound = slot(boundAt, name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new long[] {bound - t0, running - t0};
        }

        private void delete(String name) throws Exception {
            service.delete(podType, "default", name, "Background", 0, false, 0);
            slot(goneAt, name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
