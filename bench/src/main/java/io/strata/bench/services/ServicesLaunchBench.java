package io.strata.bench.services;

import java.time.Duration;

/**
 * Marathon-style deployment speed: POST one app of {@code instances} instances to the services framework on
 * {@code agents} hollow agents and time until every task is TASK_RUNNING (polled from {@code /v2/apps}) and until
 * the deployment has finished. A warm-up app of 200 instances is deployed and removed first.
 *
 * <p>Usage: {@code ServicesLaunchBench [agents=100] [instances=1000]}. Target: >= 1,000 tasks/s (Marathon
 * deployed 500 instances in 14.2 s on 189 agents).
 */
public final class ServicesLaunchBench {
    private static final double TARGET = 1_000;

    private ServicesLaunchBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try (ServicesBenchCluster cluster = new ServicesBenchCluster(agents, "cpus:8;mem:32768;disk:100000;ports:[31000-32000]")) {
            cluster.call("POST", "/v2/apps", app("/warmup", 200));
            if (!cluster.awaitRunning(200, Duration.ofMinutes(2)) || !awaitNoDeployments(cluster)) {
                throw new IllegalStateException("warm-up did not start");
            }
            cluster.call("DELETE", "/v2/apps/warmup", null);
            if (!cluster.awaitRunning(0, Duration.ofMinutes(2)) || !awaitNoDeployments(cluster)) {
                throw new IllegalStateException("warm-up did not stop");
            }
            long t0 = System.nanoTime();
            cluster.call("POST", "/v2/apps", app("/bench", instances));
            boolean running = cluster.awaitRunning(instances, Duration.ofMinutes(5));
            double runningSeconds = (System.nanoTime() - t0) / 1e9;
            boolean finished = awaitNoDeployments(cluster);
            double deployedSeconds = (System.nanoTime() - t0) / 1e9;
            double rate = instances / runningSeconds;
            System.out.println();
            System.out.println("| agents | instances | POST -> all TASK_RUNNING | deployment finished | tasks/s | target |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | --- |");
            System.out.printf("| %d | %d | %.2f s%s | %.2f s%s | %.0f | >= %.0f: %s |%n", agents, instances,
                    runningSeconds, running ? "" : " (TIMED OUT)", deployedSeconds, finished ? "" : " (TIMED OUT)",
                    rate, TARGET, running && rate >= TARGET ? "met" : "MISSED");
        }
        System.exit(0);
    }

    static String app(String id, int instances) {
        return "{\"id\": \"" + id + "\", \"cmd\": \"sleep 3600\", \"cpus\": 0.01, \"mem\": 8, \"instances\": "
                + instances + "}";
    }

    private static boolean awaitNoDeployments(ServicesBenchCluster cluster) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.call("GET", "/v2/deployments", null).strip().equals("[]")) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
