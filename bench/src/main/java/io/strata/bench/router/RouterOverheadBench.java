package io.strata.bench.router;

import io.strata.bench.support.LocalMaster;
import io.strata.router.AdminRouter;
import io.strata.router.RouterConfig;
import io.strata.server.HttpServer;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin router's overhead: wrk against two real upstreams directly and through the router, in alternating
 * rounds of the same run so both see the same machine load: (1) a near-free handler (Strata's Javalin
 * {@link HttpServer} answering {@code GET /hello} with a 100-byte JSON document, through {@code /marathon/}),
 * which shows the cost of the extra hop itself; (2) a real master's {@code /master/state} with hollow agents
 * registered (through {@code /mesos/}), the router's everyday upstream. Reports the median over rounds of wrk's
 * requests/s and p50/p99 latency, and the ratios router/direct.
 *
 * <p>Usage (root installs Debian's wrk if missing):
 * {@code RouterOverheadBench [rounds=5] [seconds=5] [connections=16] [threads=1] [agents=50] [both|hello|master]}.
 * Targets: p50 ratio <= 1.2, throughput ratio >= 0.8.
 */
public final class RouterOverheadBench {
    private static final double MAX_P50_RATIO = 1.2;
    private static final double MIN_THROUGHPUT_RATIO = 0.8;
    private static final String BODY = "{\"name\":\"hello\",\"instances\":3,\"healthy\":true,"
            + "\"labels\":{\"DCOS_SERVICE_NAME\":\"hello\"},\"pad\":\"xxxxxxxxxxxx\"}";

    /** One wrk run's figures; {@code routerCpuMicros} is the router's CPU per request (0 for direct runs). */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long errors, long requests,
                  double routerCpuMicros) {
        Result withRouterCpu(long cpuNanos) {
            return new Result(requestsPerSecond, p50Millis, p99Millis, errors, requests,
                    requests == 0 ? 0 : cpuNanos / 1000.0 / requests);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int agents = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        String only = args.length > 5 ? args[5] : "both";
        ensureWrk();
        try (HttpServer upstream = HttpServer.start("127.0.0.1", 0, r -> r.get("/hello",
                ctx -> ctx.contentType("application/json").result(BODY)));
             LocalMaster local = LocalMaster.start(c -> c);
             HollowCluster cluster = HollowCluster.builder(URI.create(local.master().url()))
                     .agents(agents, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))).start();
             AdminRouter router = AdminRouter.start(RouterConfig.defaults(local.master().url())
                     .withListen("127.0.0.1", 0)
                     .withServices(URI.create("http://127.0.0.1:" + upstream.port())))) {
            if (!cluster.awaitSubscribed(java.time.Duration.ofSeconds(60))) {
                throw new IllegalStateException("the hollow agents did not register within 60 s");
            }
            System.out.printf(Locale.ROOT, "wrk -t%d -c%d -d%ds --latency, %d alternating rounds per upstream%n",
                    threads, connections, seconds, rounds);
            if (!only.equals("master")) {
                measure("hello: Javalin GET /hello (100-byte JSON) vs /marathon/hello",
                        "http://127.0.0.1:" + upstream.port() + "/hello", router.url() + "/marathon/hello",
                        rounds, seconds, connections, threads);
            }
            if (!only.equals("hello")) {
                measure("master: GET /master/state (" + agents + " agents) vs /mesos/master/state",
                        local.master().url() + "/master/state", router.url() + "/mesos/master/state",
                        rounds, seconds, connections, threads);
            }
        }
    }

    private static void measure(String title, String direct, String routed, int rounds, int seconds, int connections,
                                int threads) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "%n== %s%ndirect %s%nrouter %s%n", title, direct, routed);
        wrk(direct, threads, connections, 3);
        wrk(routed, threads, connections, 3);
        List<Result> directResults = new ArrayList<>();
        List<Result> routedResults = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            directResults.add(wrk(direct, threads, connections, seconds));
            long cpuBefore = routerCpuNanos();
            Result r = wrk(routed, threads, connections, seconds);
            routedResults.add(r.withRouterCpu(routerCpuNanos() - cpuBefore));
            System.out.printf(Locale.ROOT, "round %d: direct %.0f req/s p50 %.3f ms | router %.0f req/s p50 %.3f ms"
                            + " (router CPU %.0f us/request)%n",
                    i + 1, directResults.get(i).requestsPerSecond(), directResults.get(i).p50Millis(),
                    routedResults.get(i).requestsPerSecond(), routedResults.get(i).p50Millis(),
                    routedResults.get(i).routerCpuMicros());
        }
        report(median(directResults), median(routedResults), directResults, routedResults);
    }

    /**
     * Prints the medians, and judges the targets on the median of the per-round ratios: each round's direct and
     * router runs are adjacent in time, so their ratio survives load from other processes that a ratio of
     * medians taken over different minutes would not.
     */
    private static void report(Result direct, Result routed, List<Result> directs, List<Result> routeds) {
        List<Double> p50Ratios = new ArrayList<>();
        List<Double> throughputRatios = new ArrayList<>();
        for (int i = 0; i < directs.size(); i++) {
            p50Ratios.add(routeds.get(i).p50Millis() / directs.get(i).p50Millis());
            throughputRatios.add(routeds.get(i).requestsPerSecond() / directs.get(i).requestsPerSecond());
        }
        double p50Ratio = mid(p50Ratios);
        double throughputRatio = mid(throughputRatios);
        System.out.println();
        System.out.println("| path   | req/s    | p50 ms | p99 ms | errors |");
        System.out.println("|--------|----------|--------|--------|--------|");
        row("direct", direct);
        row("router", routed);
        System.out.printf(Locale.ROOT, "%nper-round p50 ratios %s, throughput ratios %s%n", format(p50Ratios),
                format(throughputRatios));
        System.out.printf(Locale.ROOT, "router CPU per request: median %.0f us (per round %s)%n",
                mid(routeds, Result::routerCpuMicros),
                format(routeds.stream().map(Result::routerCpuMicros).toList()));
        System.out.printf(Locale.ROOT, "median p50 ratio router/direct %.2f (target <= %.1f): %s%n", p50Ratio,
                MAX_P50_RATIO, p50Ratio <= MAX_P50_RATIO ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "median throughput ratio router/direct %.2f (target >= %.1f): %s%n", throughputRatio,
                MIN_THROUGHPUT_RATIO, throughputRatio >= MIN_THROUGHPUT_RATIO ? "met" : "MISSED");
    }

    /**
     * CPU time of the router's threads so far (its Jetty pool, which runs its selectors and, as the router is
     * wired, its upstream client; {@code proxy-client} is the upstream pool of routers that keep a separate one).
     * CPU per request is the figure the rest of the machine's load does not distort much: a router that costs
     * less CPU leaves more of two cores to its upstream.
     */
    private static long routerCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("strata-router")
                    || info.getThreadName().startsWith("proxy-client"))) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }

    private static void row(String name, Result r) {
        System.out.printf(Locale.ROOT, "| %-6s | %8.0f | %6.3f | %6.3f | %6d |%n", name, r.requestsPerSecond(),
                r.p50Millis(), r.p99Millis(), r.errors());
    }

    /** The median of each figure on its own (rounds are few; outliers from other load are common). */
    static Result median(List<Result> results) {
        return new Result(mid(results, Result::requestsPerSecond), mid(results, Result::p50Millis),
                mid(results, Result::p99Millis), results.stream().mapToLong(Result::errors).sum(),
                results.stream().mapToLong(Result::requests).sum(), mid(results, Result::routerCpuMicros));
    }

    private static double mid(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
        return mid(results.stream().map(f::applyAsDouble).toList());
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }

    private static double mid(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static Result wrk(String url, int threads, int connections, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        out.lines().filter(l -> l.contains("Non-2xx") || l.contains("Socket errors"))
                .forEach(l -> System.out.println("wrk " + url + ": " + l.strip()));
        return parse(out);
    }

    /** Reads wrk's "Requests/sec", the 50% and 99% lines of "Latency Distribution", and non-2xx/socket errors. */
    static Result parse(String out) {
        double rps = number(out, "Requests/sec:\\s+([0-9.]+)");
        double p50 = millis(out, "\\n\\s+50%\\s+([0-9.]+)(us|ms|s)");
        double p99 = millis(out, "\\n\\s+99%\\s+([0-9.]+)(us|ms|s)");
        long errors = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        long requests = (long) number(out, "(\\d+) requests in");
        return new Result(rps, p50, p99, errors, requests, 0);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in wrk output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in wrk output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static void ensureWrk() throws IOException, InterruptedException {
        if (onPath("wrk")) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("wrk is not installed: apt-get install wrk (or run this bench as root)");
        }
        System.out.println("installing wrk (apt-get install -y wrk)");
        Process p = new ProcessBuilder("apt-get", "install", "-y", "wrk").inheritIO().start();
        if (p.waitFor() != 0 || !onPath("wrk")) {
            throw new IllegalStateException("could not install wrk with apt-get");
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
