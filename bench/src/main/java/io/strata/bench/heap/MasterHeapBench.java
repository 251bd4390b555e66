package io.strata.bench.heap;

import io.strata.bench.support.LaunchingFramework;
import io.strata.bench.support.LocalMaster;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Master heap with many agents and tasks. The master runs in a child JVM started by this benchmark
 * ({@link MasterProcess}, same classpath) so that its heap holds only the master; ZooKeeper, the hollow
 * agents and the framework stay in this JVM. Used heap is read in the child after full GCs
 * (MemoryMXBean), at three points: no agents, all agents subscribed, all tasks running; the class histogram
 * of the last point (jcmd GC.class_histogram) shows what the heap holds.
 *
 * <p>Usage: {@code MasterHeapBench [agents=10000] [tasks=100000] [masterXmx=2g]}. Tasks are 0.1 cpu / 32 MB;
 * each agent has room for tasks/agents of them. Target: < 1 GiB with 10,000 agents and 100,000 tasks.
 */
public final class MasterHeapBench {
    private static final long TARGET_BYTES = 1L << 30;

    private MasterHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String xmx = args.length > 2 ? args[2] : "2g";
        int perAgent = (tasks + agents - 1) / agents;
        String resources = String.format("cpus:%.1f;mem:%d;disk:10240", perAgent * 0.1, perAgent * 32);
        List<String[]> rows = new ArrayList<>();
        try (LocalMaster zk = LocalMaster.zooKeeperOnly()) {
            Process child = startMaster(zk.zkWithPath(), xmx);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
                URI master = URI.create(expect(out, "URL "));
                rows.add(row("master, no agents", heap(in, out)));
                try (HollowCluster cluster = HollowCluster.builder(master)
                        .agents(agents, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))
                                .withResources(resources))
                        .heartbeatInterval(Duration.ofSeconds(30)).start()) {
                    long t0 = System.nanoTime();
                    if (!cluster.awaitSubscribed(Duration.ofMinutes(10))) {
                        throw new IllegalStateException("hollow agents did not all subscribe within 10 minutes");
                    }
                    System.out.printf("%d agents subscribed in %.1f s%n", agents, (System.nanoTime() - t0) / 1e9);
                    rows.add(row(agents + " agents, 0 tasks", heap(in, out)));
                    try (LaunchingFramework f = new LaunchingFramework(master, "heap-bench", "*", tasks, 0.1, 32)) {
                        boolean ok = f.awaitAllRunning(Duration.ofMinutes(30));
                        System.out.printf("%d tasks running (%s) in %.1f s, %.0f tasks/s%n", f.running(),
                                ok ? "all" : "TIMED OUT", f.elapsedSeconds(), f.running() / f.elapsedSeconds());
                        Thread.sleep(5_000); // acknowledgements settle
                        rows.add(row(agents + " agents, " + f.running() + " tasks running", heap(in, out)));
                        histogram(child.pid());
                    }
                }
                in.println("quit");
            } finally {
                child.destroy();
            }
        }
        print(rows, agents, tasks, xmx);
        System.exit(0);
    }

    private static Process startMaster(String zk, String xmx) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File log = File.createTempFile("strata-heap-master", ".log");
        System.out.println("master JVM log: " + log);
        return new ProcessBuilder(java, "-Xmx" + xmx, "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                MasterProcess.class.getName(), zk).redirectError(log).start();
    }

    private static String expect(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IllegalStateException("master JVM ended before printing " + prefix.trim());
    }

    private static long[] heap(PrintWriter in, BufferedReader out) throws IOException {
        in.println("heap");
        String[] parts = expect(out, "HEAP ").split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private static String[] row(String state, long[] heap) {
        System.out.printf("  %-40s used %7.1f MiB%n", state, heap[0] / 1048576.0);
        return new String[] {state, String.format("%.1f", heap[0] / 1048576.0),
                String.format("%.1f", heap[1] / 1048576.0), Long.toString(heap[0])};
    }

    private static void histogram(long pid) throws IOException, InterruptedException {
        String jcmd = System.getProperty("java.home") + File.separator + "bin" + File.separator + "jcmd";
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                .start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        System.out.println("master heap, top classes (jcmd GC.class_histogram):");
        lines.stream().limit(25).forEach(l -> System.out.println("  " + l));
        lines.stream().filter(l -> l.startsWith("Total")).forEach(l -> System.out.println("  " + l));
    }

    private static void print(List<String[]> rows, int agents, int tasks, String xmx) {
        System.out.println();
        System.out.println("MasterHeapBench (master alone in a child JVM, -Xmx" + xmx
                + ", G1; used heap after full GC via MemoryMXBean)");
        System.out.printf("%-42s %-14s %-14s%n", "state", "used MiB", "committed MiB");
        for (String[] r : rows) {
            System.out.printf("%-42s %-14s %-14s%n", r[0], r[1], r[2]);
        }
        long last = Long.parseLong(rows.get(rows.size() - 1)[3]);
        System.out.printf("target < 1 GiB with %d agents and %d tasks: %s%n", agents, tasks,
                last < TARGET_BYTES ? "MET" : "MISSED");
    }
}
