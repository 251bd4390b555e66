package io.strata.bench.services;

import java.time.Duration;
import java.util.Arrays;

/**
 * {@code GET /v2/apps?embed=apps.tasks} latency with many tasks: {@code apps} apps of {@code perApp} instances on
 * {@code agents} hollow agents, then {@code requests} sequential GETs after 20 warm-up ones.
 *
 * <p>Usage: {@code ServicesQueryBench [agents=100] [apps=10] [perApp=1000] [requests=100]}. Target: p50 < 100 ms
 * at 10,000 tasks (Marathon took 12 s at 1,000 tasks before its fix).
 */
public final class ServicesQueryBench {
    private static final double TARGET_P50_MS = 100;

    private ServicesQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int apps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int perApp = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int total = apps * perApp;
        try (ServicesBenchCluster cluster = new ServicesBenchCluster(agents,
                "cpus:64;mem:262144;disk:100000;ports:[20000-32000]")) {
            long t0 = System.nanoTime();
            for (int i = 0; i < apps; i++) {
                cluster.call("POST", "/v2/apps", ServicesLaunchBench.app("/group/app-" + i, perApp));
            }
            if (!cluster.awaitRunning(total, Duration.ofMinutes(10))) {
                throw new IllegalStateException("only " + cluster.running() + " of " + total + " tasks running");
            }
            System.out.printf("%d tasks running in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
            int bytes = 0;
            for (int i = 0; i < 20; i++) {
                bytes = cluster.call("GET", "/v2/apps?embed=apps.tasks", null).length();
            }
            double[] millis = new double[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                cluster.call("GET", "/v2/apps?embed=apps.tasks", null);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            double p50 = millis[requests / 2];
            System.out.println();
            System.out.println("| tasks | apps | response | p50 | p90 | p99 | max | target |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            System.out.printf("| %d | %d | %.1f MB | %.1f ms | %.1f ms | %.1f ms | %.1f ms | p50 < %.0f ms: %s |%n",
                    total, apps, bytes / 1e6, p50, millis[(int) (requests * 0.9)], millis[(int) (requests * 0.99)],
                    millis[requests - 1], TARGET_P50_MS, p50 < TARGET_P50_MS ? "met" : "MISSED");
        }
        System.exit(0);
    }
}
