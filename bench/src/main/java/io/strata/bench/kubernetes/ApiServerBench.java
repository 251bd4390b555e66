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
import java.util.Arrays;
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
 * Usage: {@code bench/run.sh ApiServerBench [rate] [seconds] [watchers] [watchEvents]}. Each phase also prints the
 * JVM's CPU time and GC pause time per operation (server and bench share the JVM: CPU per operation is the figure
 * to compare on a loaded machine), the ZooKeeper round trip of the store's transactions, and for watches the
 * latency to the first watcher of each event beside the latency to all of them (the fan-out spread).
 *
 * <p>System properties: {@code -Dbench.watchClient=jdk|raw} (default {@code raw}) reads watch streams with
 * {@link java.net.http.HttpClient} or with one plain blocking socket per watcher (a minimal HTTP/1.1 chunked reader
 * on a virtual thread: the JDK client routes every read of all 1,000 streams through its one selector thread,
 * which then bounds what is measured); {@code -Dbench.zkDir=DIR} puts ZooKeeper's data (its transaction log and
 * fsyncs) under DIR, e.g. {@code /dev/shm} to take the disk's fsync latency out (a bench option only: the
 * framework keeps its log on disk).
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
        String zkDir = System.getProperty("bench.zkDir");
        Path dir = zkDir == null ? Files.createTempDirectory("k8s-bench")
                : Files.createTempDirectory(Path.of(zkDir), "k8s-bench");
        boolean rawWatch = !"jdk".equals(System.getProperty("bench.watchClient", "raw"));
        System.out.printf("zookeeper data in %s, watch client %s%n", dir, rawWatch ? "raw sockets" : "java.net.http");
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
                KubernetesFramework k8s = KubernetesFramework.start(
                        KubernetesConfig.of(zk.connectString() + "/strata", "", 0))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String base = k8s.url() + "/api/v1/namespaces/default/configmaps";
            warmUp(http, base);
            long[] before = transactionCounts(k8s);
            Cost cost = Cost.start();
            Latencies creates = creates(http, base, rate, seconds);
            cost.print("creates", rate * seconds);
            long[] after = transactionCounts(k8s);
            if (before != null && after != null) {
                System.out.printf("creates: %d object writes in %d ZooKeeper transactions (%.1f per transaction)%n",
                        after[1] - before[1], after[0] - before[0],
                        (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]));
            }
            roundTrips(k8s);
            cost = Cost.start();
            Latencies gets = closedLoop(http, base, rate * seconds, i -> "/bench-" + (i % (rate * seconds)));
            cost.print("gets", rate * seconds);
            cost = Cost.start();
            Latencies lists = closedLoop(http, base, 50, i -> "?limit=500");
            cost.print("lists", 50);
            Latencies[] watch = watches(http, k8s.url(), watchers, watchEvents, rawWatch);
            System.out.println();
            System.out.printf("%-44s %8s %9s %9s %9s%n", "operation", "count", "p50 ms", "p99 ms", "max ms");
            row("create ConfigMap at " + rate + "/s (open loop)", creates);
            row("get ConfigMap (16 clients)", gets);
            row("list 500 ConfigMaps (16 clients)", lists);
            row(watchers + " watchers x " + watchEvents + " events, create->event", watch[0]);
            row("  create->event at its first watcher", watch[1]);
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

    /**
     * Prints the store's recent ZooKeeper round trips (multi sent to answer, incl. ZooKeeper's fsync), if the
     * store has {@code roundTripNanos()}.
     */
    private static void roundTrips(KubernetesFramework k8s) {
        try {
            long[] nanos = (long[]) k8s.store().getClass().getMethod("roundTripNanos").invoke(k8s.store());
            Latencies l = Latencies.ofNanos(nanos);
            System.out.printf("creates: ZooKeeper multi round trip over the last %d transactions: %s%n", l.count(),
                    l.summary());
        } catch (ReflectiveOperationException e) {
            // a store without round-trip figures
        }
    }

    /** The JVM's CPU time and GC time since a phase started, printed per operation. */
    private record Cost(long cpuNanos, long gcMillis, long gcCount, long wallNanos, long allocated) {

        static Cost start() {
            return new Cost(cpu(), totalGcMillis(), totalGcCount(), System.nanoTime(), allocatedBytes());
        }

        /** Heap bytes allocated by all threads so far (HotSpot's approximation), or -1. */
        private static long allocatedBytes() {
            return java.lang.management.ManagementFactory.getThreadMXBean()
                    instanceof com.sun.management.ThreadMXBean t ? t.getTotalThreadAllocatedBytes() : -1;
        }

        void print(String phase, long operations) {
            long cpu = cpu() - cpuNanos;
            double wall = (System.nanoTime() - wallNanos) / 1e9;
            System.out.printf("%s: JVM CPU %.3f ms and %.0f KB allocated per operation (%.2f cores busy over %.1f s), "
                    + "%d GCs pausing %d ms%n", phase, cpu / 1e6 / operations,
                    (allocatedBytes() - allocated) / 1024.0 / operations, cpu / 1e9 / wall, wall,
                    totalGcCount() - gcCount, totalGcMillis() - gcMillis);
        }

        private static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long totalGcMillis() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(b -> !b.getName().contains("Concurrent") || b.getName().contains("Pauses"))
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }

        private static long totalGcCount() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(b -> !b.getName().contains("Concurrent") || b.getName().contains("Pauses"))
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
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

    /** One watch stream as lines: the JDK client's or a plain socket's. */
    private interface WatchStream extends AutoCloseable {
        /** The next line of the stream, or null at its end. */
        String readLine() throws java.io.IOException;

        @Override
        void close() throws java.io.IOException;
    }

    private static WatchStream openJdk(HttpClient http, String url) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        return new WatchStream() {
            @Override
            public String readLine() throws java.io.IOException {
                return in.readLine();
            }

            @Override
            public void close() throws java.io.IOException {
                r.body().close();
            }
        };
    }

    /** A GET over a plain socket whose chunked body is read as lines (what a watch stream is). */
    private static WatchStream openRaw(String url) throws Exception {
        URI uri = URI.create(url);
        java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
                + uri.getHost() + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
        String status = asciiLine(in);
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            socket.close();
            throw new java.io.IOException("watch answered " + status);
        }
        boolean chunked = false;
        for (String h = asciiLine(in); h != null && !h.isEmpty(); h = asciiLine(in)) {
            chunked |= h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding: chunked");
        }
        if (!chunked) {
            socket.close();
            throw new java.io.IOException("watch response is not chunked");
        }
        return new ChunkedLines(in, socket);
    }

    /**
     * The lines of a chunked body, read in bulk (per-byte reads of a buffered stream cost more than the server's
     * whole write): chunk framing is skipped, lines may span chunks.
     */
    private static final class ChunkedLines implements WatchStream {
        private final InputStream in;
        private final java.net.Socket socket;
        private final byte[] buf = new byte[16 * 1024];
        private int pos;
        private int end;
        private int left;
        private byte[] line = new byte[4096];

        ChunkedLines(InputStream in, java.net.Socket socket) {
            this.in = in;
            this.socket = socket;
        }

        private boolean fill() throws java.io.IOException {
            if (pos < end) {
                return true;
            }
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        private String framingLine() throws java.io.IOException {
            StringBuilder s = new StringBuilder();
            while (fill()) {
                byte b = buf[pos++];
                if (b == '\n') {
                    return s.toString().trim();
                }
                s.append((char) b);
            }
            return null;
        }

        @Override
        public String readLine() throws java.io.IOException {
            int length = 0;
            while (true) {
                if (left == 0) {
                    String size = framingLine();
                    while (size != null && size.isEmpty()) {
                        size = framingLine();
                    }
                    if (size == null) {
                        return null;
                    }
                    int semi = size.indexOf(';');
                    left = Integer.parseInt(semi < 0 ? size : size.substring(0, semi).trim(), 16);
                    if (left == 0) {
                        return null;
                    }
                }
                if (!fill()) {
                    return null;
                }
                int stop = Math.min(end, pos + left);
                int from = pos;
                while (pos < stop && buf[pos] != '\n') {
                    pos++;
                }
                int n = pos - from;
                if (length + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                }
                System.arraycopy(buf, from, line, length, n);
                length += n;
                left -= n;
                if (pos < stop) {
                    pos++;
                    left--;
                    return new String(line, 0, length, StandardCharsets.UTF_8);
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    private static String asciiLine(InputStream in) throws java.io.IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            s.append((char) b);
        }
        return s.isEmpty() ? null : s.toString();
    }

    /** Latencies from each create to each watcher's read of its event, and to the first watcher's read. */
    private static Latencies[] watches(HttpClient http, String url, int watchers, int events, boolean raw)
            throws Exception {
        String collection = url + "/api/v1/namespaces/kube-public/configmaps";
        AtomicLongArray sentAt = new AtomicLongArray(events);
        long[] latencies = new long[watchers * events];
        AtomicInteger received = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(watchers);
        CountDownLatch allReceived = new CountDownLatch(watchers);
        Map<Integer, WatchStream> streams = new ConcurrentHashMap<>();
        String rv = revision(http, collection);
        String watchUrl = collection + "?watch=true&resourceVersion=" + rv;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            pool.submit(() -> {
                WatchStream in = raw ? openRaw(watchUrl) : openJdk(http, watchUrl);
                streams.put(watcher, in);
                connected.countDown();
                try (in) {
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
        Cost cost = Cost.start();
        for (int e = 0; e < events; e++) {
            sentAt.set(e, System.nanoTime());
            http.send(post(collection, "watch-" + e), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(200);
        }
        boolean complete = allReceived.await(60, TimeUnit.SECONDS);
        cost.print("watch (per event delivered to one watcher)", (long) watchers * events);
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
        long[] first = new long[events];
        for (int i = 0; i < latencies.length; i++) {
            long l = latencies[i];
            if (l > 0) {
                got.add(l);
                int e = i % events;
                first[e] = first[e] == 0 ? l : Math.min(first[e], l);
            }
        }
        return new Latencies[] {Latencies.ofNanos(got.stream().mapToLong(Long::longValue).toArray()),
                Latencies.ofNanos(Arrays.stream(first).filter(l -> l > 0).toArray())};
    }

    private static String revision(HttpClient http, String collection) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(collection + "?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"resourceVersion\":\"") + 19;
        return body.substring(at, body.indexOf('"', at));
    }
}
