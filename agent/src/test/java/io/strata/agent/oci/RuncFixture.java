package io.strata.agent.oci;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.image.ImageConfig;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ResourceLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real runc on this host for tests: a busybox rootfs (from busybox-static, as runtime.md section 1 builds it), a
 * private runc state root, and a test-unique cgroup parent {@code /strata/test-<random>}. {@link #close()} force-deletes
 * every container, kills stray {@code runc run} processes it started, and removes the cgroups and files.
 */
final class RuncFixture implements AutoCloseable {

    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    final Path dir;
    final Path rootfs;
    final RuncRuntime runtime;
    final String cgroupParent;
    private final List<Process> started = new ArrayList<>();

    private RuncFixture(Path dir, Path rootfs, RuncRuntime runtime, String cgroupParent) {
        this.dir = dir;
        this.rootfs = rootfs;
        this.runtime = runtime;
        this.cgroupParent = cgroupParent;
    }

    /** Skips the test unless runc, root and a static busybox are available; else builds the fixture. */
    static RuncFixture create() throws IOException {
        assumeTrue(RuncRuntime.locate().isPresent(), RuncRuntime.MISSING_RUNTIME);
        assumeTrue("root".equals(System.getProperty("user.name")), "runc tests need root");
        assumeTrue(Files.isExecutable(BUSYBOX), "needs /bin/busybox (apt-get install busybox-static)");
        Path dir = Files.createTempDirectory("strata-oci");
        Path rootfs = buildBusyboxRootfs(dir.resolve("rootfs"));
        String parent = "/strata/test-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        // as the agent runs it: from a sealed copy of the binary (SealedExecutable), when one can be made here
        return new RuncFixture(dir, rootfs, RuncRuntime.create(OciRuntimeKind.RUNC, dir.resolve("runc")).withSealedCopy(),
                parent);
    }

    static Path buildBusyboxRootfs(Path rootfs) throws IOException {
        for (String sub : List.of("bin", "proc", "sys", "dev", "tmp", "etc", "www")) {
            Files.createDirectories(rootfs.resolve(sub));
        }
        // runc gives a tmpfs the mode of the directory it covers, so /tmp needs the usual 1777 as in real images
        Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
        Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
        for (String applet : run(List.of(BUSYBOX.toString(), "--list")).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "web:x:1000:1000::/www:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nweb:x:1000:\nstaff:x:50:web\nnogroup:x:65534:\n");
        return rootfs;
    }

    /** Returns a fresh container id. */
    ContainerId newId(String name) {
        return ContainerId.of(name + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
    }

    /** Writes a bundle for {@code id} (sandbox {@code <dir>/<id>/sandbox}) and returns the bundle directory. */
    Path bundle(ContainerId id, ImageConfig image, ContainerProcess process, NetworkMode network, long memBytes,
            Optional<String> user) throws IOException {
        Path sandbox = Files.createDirectories(sandbox(id));
        ContainerRequest request = new ContainerRequest(id, rootfs, sandbox, process, Map.of("TASK_VAR", "from-task"),
                user, network, "box", cgroupParent + "/" + id.value(), new ResourceLimits(0.5, memBytes));
        Path bundle = dir.resolve(id.value()).resolve("bundle");
        new BundleWriter().write(bundle, image, request);
        return bundle;
    }

    Path sandbox(ContainerId id) {
        return dir.resolve(id.value()).resolve("sandbox");
    }

    /** Starts {@code runc run} in the foreground, its output appended to {@code <sandbox>/stdout}. */
    Process start(Path bundle, ContainerId id) throws IOException {
        Process process = new ProcessBuilder(runtime.runArgv(bundle, id))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox(id).resolve("stdout").toFile()))
                .start();
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    /** Runs a container to completion and returns {@code runc run}'s exit code. */
    int runToExit(Path bundle, ContainerId id) throws IOException, InterruptedException {
        Process process = start(bundle, id);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("container " + id + " did not exit: " + output(id));
        }
        return process.exitValue();
    }

    String output(ContainerId id) throws IOException {
        Path stdout = sandbox(id).resolve("stdout");
        return Files.exists(stdout) ? Files.readString(stdout) : "";
    }

    /** Returns the cgroup directories of {@code parent} that exist in any hierarchy. */
    List<Path> cgroupDirs(String path) throws IOException {
        try (Stream<Path> hierarchies = Files.list(CGROUP_ROOT)) {
            return hierarchies.map(h -> h.resolve(path.substring(1))).filter(Files::isDirectory).toList();
        }
    }

    @Override
    public void close() throws IOException {
        for (ContainerState state : runtime.list()) {
            runtime.delete(ContainerId.of(state.id()), true);
        }
        synchronized (started) {
            started.forEach(Process::destroyForcibly);
        }
        for (Path group : cgroupDirs(cgroupParent)) {
            removeGroupTree(group);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void removeGroupTree(Path group) throws IOException {
        try (Stream<Path> children = Files.list(group)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                removeGroupTree(child);
            }
        }
        for (int attempt = 0; attempt < 50 && Files.exists(group); attempt++) {
            try {
                Files.delete(group);
            } catch (IOException e) {
                sleepBriefly();
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static ImageConfig image(List<String> cmd, String user, String stopSignal) {
        return new ImageConfig(List.of(), cmd, List.of("IMAGE_VAR=from-image", "TASK_VAR=from-image"), "/", user,
                stopSignal, null, null);
    }
}
