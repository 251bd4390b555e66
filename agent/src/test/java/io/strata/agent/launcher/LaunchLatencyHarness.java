package io.strata.agent.launcher;

import io.strata.agent.isolation.CgroupPaths;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.Isolator;
import io.strata.agent.isolation.IsolatorChoice;
import io.strata.agent.isolation.Isolators;
import io.strata.agent.isolation.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures launch latency of {@code /bin/true} (not a unit test): through the launcher with cgroups versus a plain
 * {@link ProcessBuilder}. Run with {@code java -cp agent/target/classes:agent/target/test-classes
 * io.strata.agent.launcher.LaunchLatencyHarness [N]} as root.
 */
public final class LaunchLatencyHarness {

    private LaunchLatencyHarness() {
    }

    /** Runs the measurement and prints p50/p90/p99 in milliseconds. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Files.createTempDirectory("strata-latency");
        String agentName = "latency-" + ProcessHandle.current().pid();
        Isolator isolator = switch (Isolators.detect(Path.of("/sys/fs/cgroup"), agentName)) {
            case IsolatorChoice.Usable usable -> usable.isolator();
            case IsolatorChoice.Unusable unusable -> throw new IllegalStateException(unusable.message());
        };
        warmUp(isolator, work);
        double[] plain = new double[n];
        double[] launchToExit = new double[n];
        double[] full = new double[n];
        for (int i = 0; i < n; i++) {
            plain[i] = plain(work);
            double[] launched = launcher(isolator, work, i);
            launchToExit[i] = launched[0];
            full[i] = launched[1];
        }
        isolator.removeHierarchy();
        System.out.printf("isolator %s, N=%d%n", isolator.name(), n);
        report("plain ProcessBuilder /bin/true (start..exit)", plain);
        report("launcher /bin/true in cgroups (launch..exit future)", launchToExit);
        report("launcher incl. prepare+cleanup of the cgroups", full);
    }

    private static void warmUp(Isolator isolator, Path work) throws Exception {
        for (int i = 0; i < 20; i++) {
            plain(work);
            launcher(isolator, work, -1 - i);
        }
    }

    private static double plain(Path work) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("/bin/true").directory(work.toFile()).start();
        process.waitFor(10, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double[] launcher(Isolator isolator, Path work, int i) throws Exception {
        ContainerId id = ContainerId.of("c" + (i < 0 ? "w" + -i : Integer.toString(i)));
        Path sandbox = Files.createDirectories(work.resolve(id.value()));
        long start = System.nanoTime();
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64L << 20));
        long launchStart = System.nanoTime();
        try (ProcessLauncher launcher = new ProcessLauncher()) {
            RunningProcess process = launcher.launch(new LaunchSpec(id, new TaskCommand.Argv(List.of("/bin/true")),
                    Map.of(), sandbox, sandbox.resolve("run"), paths.procsFiles(), Optional.empty()));
            ExitStatus status = process.exit().get(10, TimeUnit.SECONDS);
            if (!status.isSuccess()) {
                throw new IllegalStateException("launch " + i + " ended with " + status);
            }
        }
        long launchEnd = System.nanoTime();
        isolator.cleanup(id);
        long end = System.nanoTime();
        return new double[] {(launchEnd - launchStart) / 1e6, (end - start) / 1e6};
    }

    private static void report(String label, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("%-55s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", label,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
