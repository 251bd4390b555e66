package io.strata.bench.heap;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A master alone in its JVM, driven over stdin by {@link MasterHeapBench}. Prints {@code URL <url>} once it
 * leads; then answers each {@code heap} line with {@code HEAP <used> <committed>} (bytes, after full GCs) and
 * exits on {@code quit} or end of input.
 *
 * <p>Usage: {@code MasterProcess <zk host:port/path>}.
 */
public final class MasterProcess {
    private MasterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Master master = Master.start(MasterConfig.defaults("127.0.0.1", 0, args[0]));
        if (!master.awaitLeadership(Duration.ofSeconds(60))) {
            System.out.println("FAILED no leadership");
            System.exit(1);
        }
        System.out.println("URL " + master.url());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            if (line.equals("heap")) {
                MemoryUsage heap = usedAfterGc();
                System.out.println("HEAP " + heap.getUsed() + " " + heap.getCommitted());
                System.out.flush();
            }
        }
        master.close();
        System.exit(0);
    }

    /** Heap usage after full collections, repeated until the used size settles. */
    private static MemoryUsage usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        MemoryUsage heap = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            if (Math.abs(previous - heap.getUsed()) < (1 << 20)) {
                break;
            }
            previous = heap.getUsed();
        }
        return heap;
    }
}
