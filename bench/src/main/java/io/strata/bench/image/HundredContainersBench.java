package io.strata.bench.image;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.agent.ImageSettings;
import io.strata.agent.image.Image;
import io.strata.agent.image.ImageStore;
import io.strata.agent.image.RegistryClient;
import io.strata.agent.image.RegistryCredentials;
import io.strata.agent.image.RootfsProvisioner;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ResourceLimits;
import io.strata.agent.oci.BundleWriter;
import io.strata.agent.oci.ContainerProcess;
import io.strata.agent.oci.ContainerRequest;
import io.strata.agent.oci.NetworkMode;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.agent.oci.RuncRuntime;
import io.strata.api.mesos.TaskState;
import io.strata.bench.support.Latencies;
import io.strata.bench.support.LocalMaster;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * 100 busybox containers ({@code sleep 30}, 0.01 cpu / 16 MB each) started on one agent through the master, in one
 * ACCEPT: containers per second from that ACCEPT to the 100th TASK_RUNNING, and to the 100th container's first output
 * ({@link OutputProbe}). Then every task is killed and its terminal update awaited.
 *
 * <p>For where the time goes, the agent's steps are then done directly in this JVM for the same number of
 * containers, all at once (a thread each, as the agent launches), each timed: pull of the cached tag, overlay
 * provision, bundle write and {@code runc run -d} (returns once the container started), with the container's group
 * unthrottled as the agent's is while runc starts it (at the task's 0.01 cpu quota {@code runc init} alone takes
 * about half a second); those containers are killed and deleted after. This is the floor: what runc itself costs
 * for that many concurrent starts on this machine.
 *
 * <p>Usage (as root): {@code HundredContainersBench [containers=100] [sleepSeconds=30] [warmup=1]
 * [modes=plain,sealed]}: each mode runs the agent and the direct starts with the installed runc binary ({@code plain})
 * or with the agent's sealed in-memory copy of it ({@code sealed}, see {@code SealedExecutable}), A/B in one run; each
 * row also gives the CPU time per container (cpuacct of this JVM, its children and the containers' groups). Target: >= 20
 * containers/s. The warm-up containers pull the image into the agent's store, so the measured pulls hit the cache.
 */
public final class HundredContainersBench {
    private static final double TARGET_PER_SECOND = 20;
    private static final double CPUS = 0.01;
    private static final double MEM_MB = 16;
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final String DIRECT_GROUP = "strata-bench-raw-" + ProcessHandle.current().pid();

    private HundredContainersBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int sleepSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        // which runc binaries to compare: the installed file ("plain") and/or the agent's sealed copy ("sealed")
        List<String> modes = List.of((args.length > 3 ? args[3] : "plain,sealed").split(","));
        Path work = Files.createTempDirectory("strata-hundred-containers-bench");
        long pid = ProcessHandle.current().pid();
        List<String> agentGroups = new ArrayList<>();
        try (TestRegistry registry = TestRegistry.start();
             CpuMeter cpu = CpuMeter.join("strata-bench-cpu-" + pid)) {
            registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
            try (OutputProbe probe = new OutputProbe()) {
                for (String mode : modes) {
                    String agentGroup = "strata-bench-" + pid + "-" + mode;
                    agentGroups.add(agentGroup);
                    System.setProperty("strata.oci.sealedCopy", Boolean.toString(sealed(mode)));
                    try (LocalMaster local = LocalMaster.start(c -> c);
                         Agent agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, local.master().url(),
                                 work.resolve("agent-" + mode)).withResources("cpus:8;mem:8192;disk:20480")
                                 .withCgroupName(agentGroup)
                                 .withImages(new ImageSettings(registry.address(), Set.of(), "runc")));
                         ImageTaskFramework framework = new ImageTaskFramework(URI.create(local.master().url()),
                                 "hundred-containers-bench")) {
                        viaStrata(framework, probe, count, sleepSeconds, warmup, mode, cpu,
                                "strata/" + agentGroup);
                    }
                }
                for (String mode : modes) {
                    direct(probe, work, registry.address(), count, sleepSeconds, mode, cpu);
                }
            }
        } finally {
            for (String mode : modes) {
                HostLeftovers.runcContainers(work.resolve("agent-" + mode + "/runc"));
            }
            for (String agentGroup : agentGroups) {
                ContainerStartBench.cleanUp(work, agentGroup);
            }
            ImagePullBench.deleteTree(work);
        }
        System.exit(0);
    }

    private static boolean sealed(String mode) {
        return switch (mode) {
            case "sealed" -> true;
            case "plain" -> false;
            default -> throw new IllegalArgumentException("mode must be plain or sealed: " + mode);
        };
    }

    private static void viaStrata(ImageTaskFramework framework, OutputProbe probe, int count, int sleepSeconds,
                                  int warmup, String mode, CpuMeter cpu, String agentGroup)
            throws InterruptedException {
        for (int i = 0; i < warmup; i++) {
            String name = "warmup-" + mode + i;
            ImageTaskFramework.Launched t = framework.launch(List.of(name), "busybox", probe.command(name), CPUS,
                    MEM_MB, WAIT).get(0);
            ImageTaskFramework.awaitTerminal(t, WAIT);
        }
        List<String> ids = IntStream.range(0, count).mapToObj(i -> mode + "-c" + i).toList();
        long cpu0 = cpu.nanos(agentGroup);
        List<ImageTaskFramework.Launched> tasks = framework.launch(ids, "busybox",
                "%s; sleep " + sleepSeconds, CPUS, MEM_MB, WAIT, probe);
        long accept = tasks.get(0).acceptNanos();
        long[] running = new long[count];
        long[] output = new long[count];
        long cpuUsed;
        try {
            for (int i = 0; i < count; i++) {
                running[i] = ImageTaskFramework.awaitRunning(tasks.get(i), WAIT) - accept;
            }
            cpuUsed = cpu.nanos(agentGroup) - cpu0;
            for (int i = 0; i < count; i++) {
                output[i] = probe.await(ids.get(i), WAIT) - accept;
            }
        } finally {
            killAll(framework, tasks);
        }
        report("Strata, through the master, runc " + mode, count, running, output, cpuUsed);
    }

    private static void killAll(ImageTaskFramework framework, List<ImageTaskFramework.Launched> tasks) {
        long start = System.nanoTime();
        tasks.forEach(framework::kill);
        Map<TaskState, Integer> ends = new EnumMap<>(TaskState.class);
        for (ImageTaskFramework.Launched t : tasks) {
            ends.merge(ImageTaskFramework.awaitTerminal(t, WAIT).state(), 1, Integer::sum);
        }
        System.out.printf("killed %d tasks in %.1f s: %s%n", tasks.size(), (System.nanoTime() - start) / 1e9, ends);
    }

    private static void report(String what, int count, long[] running, long[] output, long cpuNanos) {
        long[] sortedRunning = running.clone();
        Arrays.sort(sortedRunning);
        long[] sortedOutput = output.clone();
        Arrays.sort(sortedOutput);
        System.out.println();
        System.out.printf("HundredContainersBench: %s (%d busybox containers, %.2f cpu / %.0f MB each)%n", what,
                count, CPUS, MEM_MB);
        System.out.printf("%-44s %s%n", "started (TASK_RUNNING / runc run -d returned)",
                Latencies.ofNanos(running).summary());
        System.out.printf("%-44s %s%n", "first output", Latencies.ofNanos(output).summary());
        double perSecond = count / (sortedRunning[count - 1] / 1e9);
        double outputPerSecond = count / (sortedOutput[count - 1] / 1e9);
        System.out.printf("containers/s to the last start: %.1f (%.2f s); to the last first output: %.1f (%.2f s); "
                        + "target >= %.0f/s: %s%n", perSecond, sortedRunning[count - 1] / 1e9, outputPerSecond,
                sortedOutput[count - 1] / 1e9, TARGET_PER_SECOND, perSecond >= TARGET_PER_SECOND ? "MET" : "MISSED");
        System.out.printf("CPU to the last start (this JVM, its children, the containers' groups): %.1f ms per "
                + "container (%.2f CPU-s in all); load %s%n", cpuNanos / 1e6 / count, cpuNanos / 1e9, load());
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The agent's steps done directly and concurrently (one thread per container, as the agent launches) for
     * {@code count} containers, each phase timed: what runc itself costs when {@code count} starts share this
     * machine. Every container is killed, deleted and unmounted after.
     */
    private static void direct(OutputProbe probe, Path work, String registry, int count, int sleepSeconds,
                               String mode, CpuMeter cpu) throws IOException, InterruptedException {
        ImageStore store = new ImageStore(work.resolve("raw-images"), new RegistryClient(RegistryCredentials.none(),
                Set.of()), registry);
        store.pull("busybox:latest"); // the agent's store was warm too
        RootfsProvisioner provisioner = new RootfsProvisioner();
        RuncRuntime installed = RuncRuntime.create(OciRuntimeKind.RUNC, work.resolve("raw-runc"));
        RuncRuntime runc = sealed(mode) ? installed.withSealedCopy() : installed;
        if (sealed(mode) && !runc.runsSealedCopy()) {
            throw new IllegalStateException("no sealed copy of runc could be made here (see the log)");
        }
        long[][] phases = new long[4][count];
        long[] started = new long[count];
        long[] output = new long[count];
        List<Path> dirs = IntStream.range(0, count).mapToObj(i -> work.resolve("raw-" + mode).resolve("d" + i))
                .toList();
        String prefix = mode + "-d";
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long cpu0 = cpu.nanos(DIRECT_GROUP);
        long cpuUsed;
        long start = System.nanoTime();
        try {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        long[] p = directOne(probe, store, provisioner, runc, dirs.get(n), prefix + n,
                                sleepSeconds);
                        for (int phase = 0; phase < 4; phase++) {
                            phases[phase][n] = p[phase];
                        }
                        started[n] = System.nanoTime() - start;
                    } catch (IOException | RuntimeException e) {
                        failures.add(prefix + n + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            cpuUsed = cpu.nanos(DIRECT_GROUP) - cpu0;
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " direct starts failed, first: " + failures.get(0));
            }
            for (int i = 0; i < count; i++) {
                output[i] = probe.await(prefix + i, WAIT) - start;
            }
        } finally {
            for (int i = 0; i < dirs.size(); i++) {
                ContainerId id = new ContainerId("bench-" + prefix + i);
                runc.kill(id, "KILL");
                runc.delete(id, true);
                provisioner.release(dirs.get(i));
            }
        }
        report("direct, " + count + " concurrent in this JVM, runc " + mode, count, started, output, cpuUsed);
        String[] names = {"pull (cached tag)", "provision (overlay mount)", "bundle write", "runc run -d"};
        for (int phase = 0; phase < 4; phase++) {
            System.out.printf("  phase %-38s %s%n", names[phase], Latencies.ofNanos(phases[phase]).summary());
        }
    }

    private static long[] directOne(OutputProbe probe, ImageStore store, RootfsProvisioner provisioner,
                                    RuncRuntime runc, Path dir, String name, int sleepSeconds)
            throws IOException, InterruptedException {
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        long t0 = System.nanoTime();
        Image image = store.pull("busybox:latest");
        long t1 = System.nanoTime();
        Path rootfs = provisioner.provision(image, dir);
        long t2 = System.nanoTime();
        ContainerId id = new ContainerId("bench-" + name);
        new BundleWriter().write(dir, image.config(), new ContainerRequest(id, rootfs, sandbox,
                new ContainerProcess.Shell(probe.command(name) + "; sleep " + sleepSeconds), Map.of(),
                Optional.empty(), NetworkMode.HOST, "bench-" + name, "/" + DIRECT_GROUP + "/" + id.value(),
                new ResourceLimits(Runtime.getRuntime().availableProcessors(), (long) (MEM_MB * 2) << 20)));
        long t3 = System.nanoTime();
        List<String> argv = new ArrayList<>(runc.runArgv(dir, id));
        argv.add(argv.indexOf("run") + 1, "-d");
        Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectOutput(sandbox.resolve("stdout").toFile()).redirectError(sandbox.resolve("stderr").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("runc run -d " + name + " failed: "
                    + Files.readString(sandbox.resolve("stderr")));
        }
        long t4 = System.nanoTime();
        return new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
    }
}
