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
import io.strata.api.mesos.TaskStatus;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Launch-to-running of one busybox container: through a real agent (embedded ZooKeeper, a master and an
 * {@link Agent} running image tasks with runc, in this JVM) against a raw {@code runc run} of an equivalent bundle
 * prepared beforehand, alternating in the same run. Both containers run
 * {@code echo NAME | nc 127.0.0.1 PORT; sleep 1} on the host network and {@link OutputProbe} timestamps the line.
 *
 * <p>Strata is timed from ACCEPT sent to TASK_RUNNING received, and to the container's first output; the raw side
 * from spawning {@code runc run} to the first output. The raw side's preparation (pull of the cached tag, overlay
 * mount, bundle write) is timed apart: those are the agent's phases before it spawns runc.
 *
 * <p>Usage (as root): {@code ContainerStartBench [n=30] [warmup=5] [cpus=0.1]}. Target: Strata p50 / raw runc p50 <= 1.2.
 */
public final class ContainerStartBench {
    private static final double TARGET_RATIO = 1.2;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static double cpus = 0.1;
    private static final double MEM_MB = 32;
    private static final String BENCH_GROUP = "strata-bench-raw-" + ProcessHandle.current().pid();

    private final ImageTaskFramework framework;
    private final OutputProbe probe;
    private final Path work;
    private final ImageStore store;
    private final RootfsProvisioner provisioner = new RootfsProvisioner();
    private final RuncRuntime runc;

    private ContainerStartBench(ImageTaskFramework framework, OutputProbe probe, Path work, String registry) {
        this.framework = framework;
        this.probe = probe;
        this.work = work;
        this.store = new ImageStore(work.resolve("raw-images"), new RegistryClient(RegistryCredentials.none(),
                Set.of()), registry);
        this.runc = RuncRuntime.create(OciRuntimeKind.RUNC, work.resolve("raw-runc"));
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        cpus = args.length > 2 ? Double.parseDouble(args[2]) : cpus;
        Path work = Files.createTempDirectory("strata-container-start-bench");
        String agentGroup = "strata-bench-" + ProcessHandle.current().pid();
        try (TestRegistry registry = TestRegistry.start()) {
            registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
            try (LocalMaster local = LocalMaster.start(c -> c);
                 Agent agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, local.master().url(),
                         work.resolve("agent")).withResources("cpus:2;mem:2048;disk:10240").withCgroupName(agentGroup)
                         .withImages(new ImageSettings(registry.address(), Set.of(), "runc")));
                 ImageTaskFramework framework = new ImageTaskFramework(URI.create(local.master().url()),
                         "container-start-bench");
                 OutputProbe probe = new OutputProbe()) {
                new ContainerStartBench(framework, probe, work, registry.address()).run(n, warmup);
            }
        } finally {
            cleanUp(work, agentGroup);
            ImagePullBench.deleteTree(work);
        }
        System.exit(0);
    }

    /** Removes whatever the run left (and says so: after a clean run nothing is found). */
    static void cleanUp(Path work, String agentGroup) {
        int found = HostLeftovers.runcContainers(work.resolve("agent/runc"))
                + HostLeftovers.runcContainers(work.resolve("raw-runc")) + HostLeftovers.mounts(work)
                + HostLeftovers.cgroups("strata/" + agentGroup) + HostLeftovers.cgroups(BENCH_GROUP);
        System.out.println(found == 0 ? "clean-up: no leftover containers, mounts or busy cgroups"
                : "clean-up: removed " + found + " leftovers (see above)");
    }

    private void run(int n, int warmup) throws Exception {
        long[] running = new long[n];
        long[] output = new long[n];
        long[][] raw = new long[4][n];
        for (int i = -warmup; i < n; i++) {
            long[] s = viaStrata("s" + (i + warmup));
            long[] r = viaRunc("r" + (i + warmup));
            if (i >= 0) {
                running[i] = s[0];
                output[i] = s[1];
                for (int phase = 0; phase < 4; phase++) {
                    raw[phase][i] = r[phase];
                }
            }
        }
        report(n, warmup, Latencies.ofNanos(running), Latencies.ofNanos(output), raw);
    }

    /** One launch through the master and agent; returns {ACCEPT..TASK_RUNNING, ACCEPT..first output} in nanos. */
    private long[] viaStrata(String name) throws InterruptedException {
        ImageTaskFramework.Launched t = framework.launch(List.of(name), "busybox",
                probe.command(name) + "; sleep 1", cpus, MEM_MB, WAIT).get(0);
        long running = ImageTaskFramework.awaitRunning(t, WAIT);
        long output = probe.await(name, WAIT);
        TaskStatus end = ImageTaskFramework.awaitTerminal(t, WAIT);
        if (end.state() != TaskState.TASK_FINISHED) {
            throw new IllegalStateException(name + " ended " + end.state() + ": " + end.message());
        }
        return new long[] {running - t.acceptNanos(), output - t.acceptNanos()};
    }

    /**
     * One raw runc run of the same image and command, prepared as the agent prepares it; returns {pull (cached tag),
     * provision, bundle write, runc run..first output} in nanos. The container and its root are removed after.
     */
    private long[] viaRunc(String name) throws IOException, InterruptedException {
        Path dir = work.resolve("raw").resolve(name);
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        try {
            long start = System.nanoTime();
            Image image = store.pull("busybox:latest");
            long pulled = System.nanoTime();
            Path rootfs = provisioner.provision(image, dir);
            long provisioned = System.nanoTime();
            ContainerId id = new ContainerId("bench-" + name);
            ContainerRequest request = new ContainerRequest(id, rootfs, sandbox,
                    new ContainerProcess.Shell(probe.command(name) + "; sleep 1"), Map.of(), Optional.empty(),
                    NetworkMode.HOST, "bench-" + name, "/" + BENCH_GROUP + "/" + id.value(),
                    new ResourceLimits(cpus, (long) (MEM_MB * 2) << 20));
            new BundleWriter().write(dir, image.config(), request);
            long written = System.nanoTime();
            Process p = new ProcessBuilder(runc.runArgv(dir, id)).redirectInput(new File("/dev/null"))
                    .redirectOutput(sandbox.resolve("stdout").toFile()).redirectError(sandbox.resolve("stderr")
                            .toFile()).start();
            long spawned = System.nanoTime();
            long output = probe.await(name, WAIT);
            if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("runc run " + name + " failed: "
                        + Files.readString(sandbox.resolve("stderr")));
            }
            return new long[] {pulled - start, provisioned - pulled, written - provisioned, output - spawned};
        } finally {
            // runArgv has --keep (as the agent's release, delete the stopped container after it)
            runc.delete(new ContainerId("bench-" + name), true);
            provisioner.release(dir);
            ImagePullBench.deleteTree(dir);
        }
    }

    private static void report(int n, int warmup, Latencies running, Latencies output, long[][] raw) {
        Latencies runcOutput = Latencies.ofNanos(raw[3]);
        long[] prepared = new long[n];
        for (int i = 0; i < n; i++) {
            prepared[i] = raw[0][i] + raw[1][i] + raw[2][i] + raw[3][i];
        }
        System.out.println();
        System.out.printf("ContainerStartBench (busybox, %.1f cpu / %.0f MB, host network, N=%d after %d warm-up)%n",
                cpus, MEM_MB, n, warmup);
        row("Strata: ACCEPT sent -> TASK_RUNNING received", running);
        row("Strata: ACCEPT sent -> container's first output", output);
        row("raw: pull busybox:latest (cached, tag resolved)", Latencies.ofNanos(raw[0]));
        row("raw: provision (overlay mount)", Latencies.ofNanos(raw[1]));
        row("raw: bundle write (config.json, hosts)", Latencies.ofNanos(raw[2]));
        row("raw: runc run -> first output", runcOutput);
        row("raw: pull + provision + bundle + runc -> output", Latencies.ofNanos(prepared));
        double ratio = running.percentile(50) / runcOutput.percentile(50);
        System.out.printf("ratio p50 TASK_RUNNING / raw runc: %.2f; target <= %.1f: %s%n", ratio, TARGET_RATIO,
                ratio <= TARGET_RATIO ? "MET" : "MISSED");
        System.out.printf("ratio p50 first output (Strata / raw runc): %.2f; vs raw incl. preparation: %.2f%n",
                output.percentile(50) / runcOutput.percentile(50),
                output.percentile(50) / Latencies.ofNanos(prepared).percentile(50));
    }

    private static void row(String what, Latencies l) {
        System.out.printf("%-52s %s%n", what, l.summary());
    }
}
