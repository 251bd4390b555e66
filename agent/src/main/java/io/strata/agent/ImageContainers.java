package io.strata.agent;

import io.strata.agent.image.Image;
import io.strata.agent.image.ImagePullException;
import io.strata.agent.image.ImageStore;
import io.strata.agent.image.RegistryClient;
import io.strata.agent.image.RegistryCredentials;
import io.strata.agent.image.RootfsProvisioner;
import io.strata.agent.isolation.ResourceLimits;
import io.strata.agent.launcher.TaskCommand;
import io.strata.agent.oci.BundleWriter;
import io.strata.agent.oci.ContainerProcess;
import io.strata.agent.oci.ContainerRequest;
import io.strata.agent.oci.ContainerState;
import io.strata.agent.oci.LeftoverReconciler;
import io.strata.agent.oci.NamespaceRelay;
import io.strata.agent.oci.NetworkMode;
import io.strata.agent.oci.CgroupLayout;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.agent.oci.OciRuntimeSelection;
import io.strata.agent.oci.OciSpec;
import io.strata.agent.oci.PortForwarder;
import io.strata.agent.oci.RuncRuntime;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks that name a container image ({@code container.type MESOS}, {@code mesos.image.type DOCKER},
 * {@code docker.name}) as Mesos' unified containerizer did, without a Docker daemon: the image is pulled into the
 * agent's image store, the container gets a writable root over its layers, and the task's supervisor runs
 * {@code runc run} in the foreground, so the supervisor's recorded status is the container's exit status.
 *
 * <p>The container's cgroup nests inside the task's cgroup, whose limits the isolator already set; its memory
 * limit is set above the task's so that an OOM kill is recorded in the task's group, which outlives runc's
 * removal of its own. A task on the {@code private} network gets its own network namespace; each port mapping is
 * served on the agent's address by a forwarder that relays into the namespace through a Unix socket.
 */
final class ImageContainers {
    private static final Logger LOG = LoggerFactory.getLogger(ImageContainers.class);
    /** The system property that, set to {@code false}, runs the installed runtime binary instead of a sealed copy. */
    static final String SEALED_COPY_PROPERTY = "strata.oci.sealedCopy";
    /** The network name that asks for a network namespace of the task's own. */
    static final String PRIVATE_NETWORK = "private";
    private final ImageSettings settings;
    private final ImageStore store;
    private final RootfsProvisioner provisioner = new RootfsProvisioner();
    private final Path runtimeRoot;
    private final String cgroupName;
    private final InetAddress agentAddress;
    private volatile RuncRuntime runtime;
    /** The runtime chosen at start ({@code --oci-runtime}), or why there is none. */
    private final OciRuntimeSelection selection;
    /** Manifest digests of the images live containers use, by container id: garbage collection keeps these. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> inUse = new java.util.concurrent.ConcurrentHashMap<>();

    ImageContainers(ImageSettings settings, Path workDir, String cgroupName, String agentHost) {
        this.settings = settings;
        this.store = new ImageStore(workDir.resolve("images"),
                new RegistryClient(settings.registryCredentials().map(RegistryCredentials::load)
                        .orElse(RegistryCredentials.none()), settings.insecureRegistries()),
                settings.defaultRegistry());
        this.selection = OciRuntimeSelection.choose(settings.ociRuntime(), OciRuntimeKind.installed(),
                CgroupLayout.detect(Path.of("/sys/fs/cgroup")));
        this.runtimeRoot = workDir.resolve(selection instanceof OciRuntimeSelection.Chosen c
                ? c.kind().binaryName() : "runc");
        switch (selection) {
            case OciRuntimeSelection.Chosen c -> LOG.info("OCI runtime {} ({})", c.binary(), c.why());
            case OciRuntimeSelection.Unavailable u -> LOG.warn("{}; tasks without an image still run", u.message());
        }
        this.cgroupName = cgroupName;
        try {
            this.agentAddress = InetAddress.getByName(agentHost);
        } catch (IOException e) {
            throw new IllegalArgumentException("agent address '" + agentHost + "' does not resolve", e);
        }
        if (selection instanceof OciRuntimeSelection.Chosen) {
            // the sealed copy takes a Perl and a runtime process: made now, off the first launch's path
            Thread.ofVirtual().name("oci-runtime-copy").start(() -> {
                try {
                    runtime();
                } catch (RuntimeException e) {
                    LOG.warn("cannot prepare the OCI runtime: {}", e.getMessage());
                }
            });
        }
    }

    /** The runtime chosen at start, or why image tasks cannot run here. */
    OciRuntimeSelection runtimeSelection() {
        return selection;
    }

    /** Whether a task names an image. */
    static boolean isImageTask(TaskInfo task) {
        return imageName(task).isPresent();
    }

    private static Optional<String> imageName(TaskInfo task) {
        ContainerInfo c = task.container();
        if (c == null || c.mesos() == null || c.mesos().image() == null || c.mesos().image().docker() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(c.mesos().image().docker().name()).filter(n -> !n.isBlank());
    }

    private RuncRuntime runtime() {
        RuncRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                if (runtime == null) {
                    RuncRuntime installed = switch (selection) {
                        case OciRuntimeSelection.Chosen c -> new RuncRuntime(c.kind(), c.binary(), runtimeRoot);
                        case OciRuntimeSelection.Unavailable u -> throw new io.strata.agent.oci.OciException(u.message());
                    };
                    // a sealed copy spares every runc init a re-copy of itself (SealedExecutable); the property
                    // turns it off for A/B measurements
                    runtime = Boolean.parseBoolean(System.getProperty(SEALED_COPY_PROPERTY, "true"))
                            ? installed.withSealedCopy() : installed;
                }
                r = runtime;
            }
        }
        return r;
    }

    /** The container directory of a task: its bundle, its root filesystem and overlay dirs. */
    static Path containerDir(Container c) {
        return c.metaDir.resolve("container");
    }

    /**
     * Pulls the image, provisions the root filesystem, writes the bundle and returns the command the supervisor
     * runs ({@code runc run}). Throws {@link ImagePullException} or an unchecked exception whose message says
     * what failed; the caller reports it as TASK_FAILED / REASON_CONTAINER_LAUNCH_FAILED.
     */
    TaskCommand prepare(Container c, Map<String, String> env, ResourceLimits limits) {
        String reference = imageName(c.task).orElseThrow();
        RuncRuntime r = runtime(); // fail before pulling when no runtime is installed
        // Mesos' Image.cached (true unless the task says false): a tag already in the store is used without asking
        // the registry; cached: false (jobs' forcePullImage, Kubernetes' imagePullPolicy Always) resolves it again.
        Image image = (usesCache(c.task) ? store.local(reference) : Optional.<Image>empty())
                .orElseGet(() -> store.pull(reference));
        inUse.put(c.id.value(), image.manifestDigest()); // before anything else, so a concurrent gc keeps it
        Path dir = containerDir(c);
        Path rootfs = provisioner.provision(image, dir);
        // A task of a group joins its group's network namespace (and nests its cgroup in the group's) instead
        boolean grouped = c.inGroup();
        NetworkMode network = grouped ? NetworkMode.PRIVATE : PortMappings.network(c.task);
        List<int[]> mappings = grouped ? List.of() : PortMappings.of(c, network);
        Map<String, String> containerEnv = grouped ? env : PortMappings.containerEnvironment(env, network, mappings);
        CommandInfo command = c.task.command();
        ContainerProcess process = command == null ? new ContainerProcess.ImageDefault()
                : ContainerProcess.fromMesos(command.isShell(), Optional.ofNullable(command.value()),
                        command.arguments() == null ? List.of() : command.arguments());
        // Limits are enforced by the task's group above (see the class comment); the container's own group is
        // looser: twice the memory (so an OOM is counted where it survives) and all CPUs (so that runc init is
        // not throttled while the task's group still runs with its start-up quota).
        ResourceLimits own = new ResourceLimits(Math.max(limits.cpus(), Runtime.getRuntime().availableProcessors()),
                limits.memBytes() * 2);
        ContainerRequest request = new ContainerRequest(c.id, rootfs, c.sandbox, process, containerEnv,
                Optional.ofNullable(command == null ? null : command.user()).filter(u -> !u.isBlank()), network,
                grouped ? c.pod.id.value() : c.id.value(),
                grouped ? ContainerRequest.cgroupsPath(cgroupName, c.pod.id) + "/" + c.id.value()
                        : ContainerRequest.cgroupsPath(cgroupName, c.id) + "/runc", own,
                grouped ? Optional.of(c.pod.netns) : Optional.empty(), ContainerVolumes.prepare(c, true));
        new BundleWriter().write(dir, image.config(), request);
        ImageRun run = new ImageRun(dir, image.manifestDigest(), OciSpec.stopSignal(image.config()), network,
                mappings);
        inUse.put(c.id.value(), image.manifestDigest());
        ImageRunCheckpoint.write(run);
        synchronized (c) {
            c.image = run;
        }
        return new TaskCommand.Argv(r.runArgv(dir, c.id));
    }

    /** Whether the task lets a cached image stand in for its tag (Mesos' {@code Image.cached}, default true). */
    static boolean usesCache(TaskInfo task) {
        ContainerInfo c = task.container();
        return c == null || c.mesos() == null || c.mesos().image() == null
                || !Boolean.FALSE.equals(c.mesos().image().cached());
    }

    /**
     * After an agent restart, for a container still running: restores its stop signal and, on a private network,
     * its port forwarders (the relay in its namespace is started again on the same socket paths).
     */
    void recovered(Container c, io.strata.agent.launcher.RunningProcess process) {
        try {
            ImageRunCheckpoint saved = ImageRunCheckpoint.read(containerDir(c));
            if (saved.manifestDigest() != null) {
                inUse.put(c.id.value(), saved.manifestDigest());
            }
            synchronized (c) {
                c.image = new ImageRun(containerDir(c), saved.manifestDigest(), saved.stopSignal(), saved.network(),
                        saved.portMappings() == null ? List.of() : saved.portMappings());
            }
            started(c, process);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot restore the network of container {}: {}", c.id, e.getMessage());
        }
    }

    /**
     * After launch: waits until the container exists (its init process is recorded in the runtime's state) or
     * has already ended; then, for a private network, relays into its namespace and forwards the host ports.
     */
    void started(Container c, io.strata.agent.launcher.RunningProcess process) {
        OciRuntimeKind kind = selection instanceof OciRuntimeSelection.Chosen chosen ? chosen.kind()
                : OciRuntimeKind.RUNC;
        long pid = ContainerStartWatch.awaitCreated(kind, kind.stateFile(runtimeRoot, c.id.value()), process,
                Duration.ofSeconds(60));
        ImageRun run;
        synchronized (c) {
            run = c.image;
        }
        if (pid <= 0 || run == null || run.network != NetworkMode.PRIVATE || run.portMappings.isEmpty()) {
            return;
        }
        List<Integer> ports = run.portMappings.stream().map(m -> m[1]).toList();
        NamespaceRelay relay = NamespaceRelay.start(pid, c.sandbox, ports);
        List<PortForwarder> forwarders = new ArrayList<>();
        for (int[] m : run.portMappings) {
            PortForwarder f = new PortForwarder(List.of(agentAddress), m[0], NamespaceRelay.socketPath(c.sandbox, m[1]));
            f.start();
            forwarders.add(f);
        }
        synchronized (c) {
            run.relay = relay;
            run.forwarders.addAll(forwarders);
        }
    }

    /**
     * Whether the kernel OOM-killed a process of the container. On cgroup v1 the kill is counted in the victim's
     * own group (runc's, nested in the task's), which {@code runc run --keep} leaves in place until release; on
     * v2 {@code memory.events} counts it in every ancestor too, so the task's group already knows.
     */
    boolean oomKilled(Container c) {
        return ContainerOom.killed(ContainerRequest.cgroupsPath(cgroupName, c.id) + "/runc");
    }

    /**
     * After a restart: containers the runtime still lists but no checkpointed task owns (their checkpoints were
     * lost or removed) are killed and deleted. Containers of known tasks are left to their task's lifecycle,
     * which reads their exit and OOM state before deleting them.
     */
    void removeLeftovers(Set<String> knownContainerIds) {
        if (!Files.isDirectory(runtimeRoot) || !(selection instanceof OciRuntimeSelection.Chosen)) {
            return;
        }
        try {
            LeftoverReconciler.Plan plan = LeftoverReconciler.reconcile(knownContainerIds, runtime().list());
            for (ContainerState leftover : plan.destroy()) {
                LOG.warn("killing leftover container {} that no task owns", leftover.id());
                runtime().delete(new io.strata.agent.isolation.ContainerId(leftover.id()), true);
                releaseBundle(leftover);
            }
            for (ContainerState leftover : plan.delete()) {
                runtime().delete(new io.strata.agent.isolation.ContainerId(leftover.id()), false);
                releaseBundle(leftover);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot reconcile leftover containers: {}", e.getMessage());
        }
    }

    /** Unmounts and removes a leftover's root filesystem (its bundle directory is the container directory). */
    private void releaseBundle(ContainerState leftover) {
        if (leftover.bundle() != null) {
            try {
                provisioner.release(leftover.bundle());
            } catch (RuntimeException e) {
                LOG.warn("cannot release the root filesystem of leftover {}: {}", leftover.id(), e.getMessage());
            }
        }
    }

    /** Sends the image's stop signal; true when the container took it (the caller still enforces the grace). */
    boolean signalStop(Container c) {
        ImageRun run;
        synchronized (c) {
            run = c.image;
        }
        return run != null && runtime().kill(c.id, run.stopSignal);
    }

    /** After the task ended: forwarders and relay closed, container deleted, root filesystem released. */
    void release(Container c) {
        ImageRun run;
        synchronized (c) {
            run = c.image;
        }
        if (run != null) {
            run.forwarders.forEach(PortForwarder::close);
            if (run.relay != null) {
                run.relay.close();
            }
        }
        try {
            if (runtime != null || Files.exists(runtimeRoot)) {
                runtime().delete(c.id, true);
            }
        } catch (RuntimeException e) {
            LOG.debug("runc delete of {} failed: {}", c.id, e.getMessage());
        }
        try {
            provisioner.release(containerDir(c));
        } catch (RuntimeException e) {
            LOG.warn("cannot release the root filesystem of {}: {}", c.id, e.getMessage());
        }
        inUse.remove(c.id.value());
        collectGarbage();
    }

    /** Removes images no live container uses once the store is past the threshold. */
    private void collectGarbage() {
        try {
            long freed = store.gc(settings.gcThresholdMb() * 1024 * 1024, java.util.Set.copyOf(inUse.values()));
            if (freed > 0) {
                LOG.info("image garbage collection freed {} MB", freed / (1024 * 1024));
            }
        } catch (RuntimeException e) {
            LOG.warn("image garbage collection failed: {}", e.getMessage());
        }
    }

    /** Bytes the image store uses (for tests and metrics). */
    long storeUsage() {
        return store.usage();
    }
}
