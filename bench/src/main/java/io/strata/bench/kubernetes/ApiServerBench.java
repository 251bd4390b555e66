package io.strata.bench.kubernetes;

import io.strata.bench.support.Latencies;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The Kubernetes API server over an embedded ZooKeeper (on disk) and HTTP on loopback:
 * <ol>
 * <li>creates of ConfigMaps at a fixed arrival rate (default 500/s for 10 s), latency measured from each request's
 * scheduled start so queueing counts (no coordinated omission);</li>
 * <li>gets of single objects and lists of the whole set (closed loop, 16 clients);</li>
 * <li>{@code watchers} watch streams (default 1,000) on one namespace, then objects created one by one: latency
 * from the create request's start to each watcher reading the event.</li>
 * </ol>
 * Usage: {@code bench/run.sh ApiServerBench [rate] [seconds] [watchers] [watchEvents]}.
 */
public final class ApiServerBench {

    private ApiServerBench() {
    }

    /** Runs the three phases and prints a table. */
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int watchers = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int watchEvents = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path dir = Files.createTempDirectory("k8s-bench");
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
                KubernetesFramework k8s = KubernetesFramework.start(
                        KubernetesConfig.of(zk.connectString() + "/strata", "", 0))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String base = k8s.url() + "/api/v1/namespaces/default/configmaps";
            warmUp(http, base);
            long[] before = transactionCounts(k8s);
            Latencies creates = creates(http, base, rate, seconds);
            long[] after = transactionCounts(k8s);
            if (before != null && after != null) {
                System.out.printf("creates: %d object writes in %d ZooKeeper transactions (%.1f per transaction)%n",
                        after[1] - before[1], after[0] - before[0],
                        (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]));
            }
            Latencies gets = closedLoop(http, base, rate * seconds, i -> "/bench-" + (i % (rate * seconds)));
            Latencies lists = closedLoop(http, base, 50, i -> "?limit=500");
            Latencies watch = watches(http, k8s.url(), watchers, watchEvents);
            System.out.println();
            System.out.printf("%-44s %8s %9s %9s %9s%n", "operation", "count", "p50 ms", "p99 ms", "max ms");
            row("create ConfigMap at " + rate + "/s (open loop)", creates);
            row("get ConfigMap (16 clients)", gets);
            row("list 500 ConfigMaps (16 clients)", lists);
            row(watchers + " watchers x " + watchEvents + " events, create->event", watch);
        }
    }

    /**
     * The store's {@code transactionCounts()} (transactions sent, object writes committed), looked up reflectively
     * so that this bench also runs against builds without batching (A/B on one jar), else null.
     */
    private static long[] transactionCounts(KubernetesFramework k8s) {
        try {
            return (long[]) k8s.store().getClass().getMethod("transactionCounts").invoke(k8s.store());
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static void row(String name, Latencies l) {
        System.out.printf("%-44s %8d %9.2f %9.2f %9.2f%n", name, l.count(), l.percentile(50), l.percentile(99),
                l.percentile(100));
    }

    private static HttpRequest post(String url, String name) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"bench\":\"yes\"}},\"data\":{\"key\":\"value\"}}";
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void warmUp(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 300; i++) {
            http.send(post(base, "warm-" + i), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static Latencies creates(HttpClient http, String base, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = i;
                pool.submit(() -> {
                    try {
                        HttpResponse<Void> r = http.send(post(base, "bench-" + n), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 201) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        latencies[n] = System.nanoTime() - scheduled;
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("creates: %d in %.2f s (%.0f/s achieved), %d failed%n", total, elapsed / 1e9,
                total / (elapsed / 1e9), failures.get());
        return Latencies.ofNanos(latencies);
    }

    private interface Suffix {
        String of(int i);
    }

    private static Latencies closedLoop(HttpClient http, String base, int total, Suffix suffix) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 16; c++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            http.send(HttpRequest.newBuilder(URI.create(base + suffix.of(i))).build(),
                                    HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            // counted as its latency
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                });
            }
        }
        return Latencies.ofNanos(latencies);
    }

    private static Latencies watches(HttpClient http, String url, int watchers, int events) throws Exception {
        String collection = url + "/api/v1/namespaces/kube-public/configmaps";
        AtomicLongArray sentAt = new AtomicLongArray(events);
        long[] latencies = new long[watchers * events];
        AtomicInteger received = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(watchers);
        CountDownLatch allReceived = new CountDownLatch(watchers);
        Map<Integer, InputStream> streams = new ConcurrentHashMap<>();
        String rv = revision(http, collection);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            pool.submit(() -> {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                        URI.create(collection + "?watch=true&resourceVersion=" + rv)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                streams.put(watcher, r.body());
                connected.countDown();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    int seen = 0;
                    String line;
                    while (seen < events && (line = in.readLine()) != null) {
                        long now = System.nanoTime();
                        int at = line.indexOf("\"name\":\"watch-");
                        if (at < 0) {
                            continue;
                        }
                        int end = line.indexOf('"', at + 14);
                        int event = Integer.parseInt(line.substring(at + 14, end));
                        latencies[watcher * events + event] = now - sentAt.get(event);
                        received.incrementAndGet();
                        seen++;
                    }
                }
                allReceived.countDown();
                return null;
            });
        }
        if (!connected.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("watchers did not connect: " + connected.getCount() + " missing");
        }
        Thread.sleep(1_000);
        for (int e = 0; e < events; e++) {
            sentAt.set(e, System.nanoTime());
            http.send(post(collection, "watch-" + e), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(200);
        }
        boolean complete = allReceived.await(60, TimeUnit.SECONDS);
        System.out.printf("watch: %d of %d events received%s%n", received.get(), watchers * events,
                complete ? "" : " (timed out)");
        streams.values().forEach(s -> {
            try {
                s.close();
            } catch (Exception e) {
                // closing anyway
            }
        });
        pool.shutdownNow();
        List<Long> got = new ArrayList<>();
        for (long l : latencies) {
            if (l > 0) {
                got.add(l);
            }
        }
        return Latencies.ofNanos(got.stream().mapToLong(Long::longValue).toArray());
    }

    private static String revision(HttpClient http, String collection) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(collection + "?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"resourceVersion\":\"") + 19;
        return body.substring(at, body.indexOf('"', at));
    }
}
