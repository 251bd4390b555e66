package io.strata.bench.services;

import io.strata.api.json.Json;
import io.strata.services.engine.LaunchWrites;
import io.strata.services.engine.ServicesEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Marathon-style deployment speed: POST one app of {@code instances} instances to the services framework on
 * {@code agents} hollow agents and time until every task is TASK_RUNNING (polled from {@code /v2/apps}) and until
 * the deployment has finished. A warm-up app of 200 instances is deployed and removed first. Then {@code rounds}
 * pairs of deployments alternate the two {@link LaunchWrites} modes (A = one multi then all ACCEPTs, B = one multi
 * per agent, each ACCEPT as soon as its multi commits), so both are measured under the same load; per round the
 * framework's own costs come from its {@code /metrics} timers (reset before each round).
 *
 * <p>Usage: {@code ServicesLaunchBench [agents=100] [instances=1000] [rounds=2]}. Target: >= 1,000 tasks/s
 * (Marathon deployed 500 instances in 14.2 s on 189 agents).
 */
public final class ServicesLaunchBench {
    private static final double TARGET = 1_000;

    private ServicesLaunchBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<String> rows = new ArrayList<>();
        List<String> costs = new ArrayList<>();
        try (ServicesBenchCluster cluster = new ServicesBenchCluster(agents, "cpus:8;mem:32768;disk:100000;ports:[31000-32000]")) {
            ServicesEngine engine = cluster.services.engine().orElseThrow();
            deployAndRemove(cluster, "/warmup", 200);
            int n = 0;
            for (int round = 0; round < rounds; round++) {
                for (LaunchWrites mode : LaunchWrites.values()) {
                    engine.launchWrites(mode);
                    engine.metrics().reset();
                    String load = Files.readString(Path.of("/proc/loadavg")).strip();
                    String id = "/bench-" + (++n);
                    long t0 = System.nanoTime();
                    cluster.call("POST", "/v2/apps", app(id, instances));
                    boolean running = cluster.awaitRunning(instances, Duration.ofMinutes(5));
                    double runningSeconds = (System.nanoTime() - t0) / 1e9;
                    boolean finished = awaitNoDeployments(cluster);
                    double deployedSeconds = (System.nanoTime() - t0) / 1e9;
                    double rate = instances / runningSeconds;
                    String metrics = Json.camel().writeValueAsString(engine.metrics().toJson());
                    rows.add(String.format("| %s | %d | %d | %.2f s%s | %.2f s%s | %.0f | %s | %s |", mode, agents,
                            instances, runningSeconds, running ? "" : " (TIMED OUT)", deployedSeconds,
                            finished ? "" : " (TIMED OUT)", rate, running && rate >= TARGET ? "met" : "MISSED",
                            load.substring(0, load.indexOf(' ', load.indexOf(' ') + 1))));
                    costs.add("Round " + n + " (" + mode + "):\n" + FrameworkCost.table(metrics));
                    cluster.call("DELETE", "/v2/apps" + id, null);
                    if (!cluster.awaitRunning(0, Duration.ofMinutes(2)) || !awaitNoDeployments(cluster)) {
                        throw new IllegalStateException(id + " did not stop");
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| launch writes | agents | instances | POST -> all TASK_RUNNING | deployment finished | tasks/s | >= "
                + (int) TARGET + " | load avg (1, 5 min) at start |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Framework's own cost per round (GET /metrics timers):");
        costs.forEach(System.out::println);
        System.exit(0);
    }

    private static void deployAndRemove(ServicesBenchCluster cluster, String id, int count) throws Exception {
        cluster.call("POST", "/v2/apps", app(id, count));
        if (!cluster.awaitRunning(count, Duration.ofMinutes(2)) || !awaitNoDeployments(cluster)) {
            throw new IllegalStateException(id + " did not start");
        }
        cluster.call("DELETE", "/v2/apps" + id, null);
        if (!cluster.awaitRunning(0, Duration.ofMinutes(2)) || !awaitNoDeployments(cluster)) {
            throw new IllegalStateException(id + " did not stop");
        }
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
