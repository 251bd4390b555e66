package io.strata.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.bench.support.LocalMaster;
import io.strata.jobs.JobsConfig;
import io.strata.jobs.JobsFramework;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Schedule slip of the jobs framework with many jobs: an in-process master with hollow agents (tasks finish
 * after 1 s), one jobs framework instance on the same embedded ZooKeeper, and {@code jobs} jobs scheduled
 * {@code R/<start>/PT1M}. With {@code spread} the starts are spread over the minute (job i at second i mod 60);
 * with {@code burst} every job is due at the same instant. After {@code minutes} minutes it reads every job's
 * runs through the API and prints, for the scheduled runs, the slip from the slot to the run being queued
 * (persisted) and to its task being sent to the master, plus runs expected vs. run, skipped and duplicated slots.
 *
 * <p>Usage: {@code JobsScheduleBench [jobs=10000] [minutes=3] [spread|burst] [agents=20]}. Target: launch slip
 * p99 < 1 s.
 */
public final class JobsScheduleBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final double TARGET_P99_MS = 1_000;

    private JobsScheduleBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean burst = args.length > 2 && args[2].equals("burst");
        int agents = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        try (LocalMaster local = LocalMaster.start(c -> c);
             HollowCluster cluster = HollowCluster.builder(URI.create(local.master().url()))
                     .agents(agents, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))
                             .withResources("cpus:64;mem:262144;disk:1000000"))
                     .finishAfter(Duration.ofSeconds(1)).start()) {
            if (!cluster.awaitSubscribed(Duration.ofMinutes(2))) {
                throw new IllegalStateException("hollow agents did not subscribe within 2 minutes");
            }
            String zk = local.zkWithPath().replaceFirst("/strata$", "") + "/chronos";
            try (JobsFramework framework = JobsFramework.start(
                    JobsConfig.defaults(zk, local.master().url()).withPort(0))) {
                if (!framework.awaitSubscribed(Duration.ofMinutes(1))) {
                    throw new IllegalStateException("the jobs framework did not subscribe");
                }
                run(framework.url(), jobs, minutes, burst, agents, cluster);
            }
        }
        System.exit(0);
    }

    private static void run(String url, int jobs, int minutes, boolean burst, int agents, HollowCluster cluster)
            throws Exception {
        Instant base = Instant.now().plusSeconds(60 + jobs / 200).truncatedTo(ChronoUnit.MINUTES).plus(1,
                ChronoUnit.MINUTES);
        long t0 = System.nanoTime();
        post(url, jobs, i -> base.plusSeconds(burst ? 0 : i % 60));
        System.out.printf("created %d jobs in %.1f s; first slot at %s%n", jobs, (System.nanoTime() - t0) / 1e9,
                base);
        Instant end = base.plus(minutes, ChronoUnit.MINUTES);
        long sleep = Duration.between(Instant.now(), end.plusSeconds(15)).toMillis();
        System.out.printf("running until %s (%d s)%n", end, sleep / 1000);
        Thread.sleep(Math.max(0, sleep));
        report(url, jobs, minutes, burst, agents, base, end, cluster);
    }

    /** Creates the jobs through the API, 32 requests at a time. */
    private static void post(String url, int jobs, java.util.function.IntFunction<Instant> start)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(32);
        AtomicLong failed = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < jobs; i++) {
                inFlight.acquire();
                String body = """
                        {"name":"job-%05d","command":"true","cpus":0.01,"mem":1,"disk":0,"epsilon":"PT30S",\
                        "schedule":"R/%s/PT1M"}""".formatted(i, start.apply(i));
                pool.execute(() -> {
                    try {
                        if (send("POST", url + "/v1/scheduler/iso8601", body).statusCode() != 204) {
                            failed.incrementAndGet();
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " jobs were refused");
        }
    }

    private static void report(String url, int jobs, int minutes, boolean burst, int agents, Instant base,
                               Instant end, HollowCluster cluster) throws Exception {
        List<Double> queued = new ArrayList<>();
        List<Double> launched = new ArrayList<>();
        long runs = 0;
        long duplicates = 0;
        long skipped = 0;
        long expected = (long) jobs * minutes;
        for (int i = 0; i < jobs; i++) {
            JsonNode body = MAPPER.readTree(send("GET", url + "/v1/scheduler/job/job-%05d/runs".formatted(i), null)
                    .body());
            skipped += body.path("skippedCount").asLong();
            java.util.Set<String> dues = new java.util.HashSet<>();
            for (JsonNode run : body.path("runs")) {
                if (!run.path("cause").asText().equals("SCHEDULE")) {
                    continue;
                }
                Instant due = Instant.parse(run.path("due").asText());
                if (due.isBefore(base) || !due.isBefore(end)) {
                    continue;
                }
                runs++;
                if (!dues.add(run.path("due").asText())) {
                    duplicates++;
                }
                queued.add(millis(due, run.path("queuedAt").asText()));
                if (!run.path("launchedAt").isNull()) {
                    launched.add(millis(due, run.path("launchedAt").asText()));
                }
            }
        }
        double[] q = sorted(queued);
        double[] l = sorted(launched);
        System.out.println();
        System.out.printf("JobsScheduleBench: %d jobs R/<start>/PT1M (%s), %d hollow agents, %d minutes%n", jobs,
                burst ? "all due at the same second" : "starts spread over the minute", agents, minutes);
        System.out.printf("%-22s %-10s %-10s %-10s %-10s%n", "slip (slot ->)", "runs", "p50 ms", "p99 ms", "max ms");
        System.out.printf("%-22s %-10d %-10.0f %-10.0f %-10.0f%n", "run queued+persisted", q.length, pct(q, 50),
                pct(q, 99), pct(q, 100));
        System.out.printf("%-22s %-10d %-10.0f %-10.0f %-10.0f%n", "task sent to master", l.length, pct(l, 50),
                pct(l, 99), pct(l, 100));
        System.out.printf("runs expected %d, scheduled runs seen %d, duplicate slots %d, skipped slots %d%n",
                expected, runs, duplicates, skipped);
        System.out.printf("hollow agents: launched %d, acknowledged %d, failed calls %d%n", cluster.launched(),
                cluster.acknowledged(), cluster.failedCalls());
        System.out.println("metrics: " + send("GET", url + "/metrics", null).body());
        System.out.printf("target launch slip p99 < %.0f ms: %s%n", TARGET_P99_MS,
                pct(l, 99) < TARGET_P99_MS && runs == expected ? "MET" : "MISSED");
    }

    private static double millis(Instant due, String at) {
        return Duration.between(due, Instant.parse(at)).toNanos() / 1e6;
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static HttpResponse<String> send(String method, String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
