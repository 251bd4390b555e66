package io.strata.agent.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.agent.image.ImageConfig;
import io.strata.agent.isolation.ResourceLimits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Builds an OCI runtime {@code config.json} from an image configuration and a {@link ContainerRequest}; a pure function
 * of its inputs (the caller resolves the user and provides the hosts and resolv.conf files).
 *
 * <p>Starts from {@code runc spec}'s defaults (mounts, masked and read-only paths, deny-all device cgroup) and changes
 * what runtime.md section 1 found necessary: {@code terminal:false} (runc fails without a tty otherwise), a writable
 * root ({@code root.readonly:false}; images such as nginx write below {@code /var}), Docker's 14 default capabilities,
 * a tmpfs on {@code /tmp}, the sandbox and the two DNS files bound in, the isolator's absolute cgroup path and its
 * limits, and no network namespace for {@link NetworkMode#HOST}. {@code noNewPrivileges} is false as in Docker, so
 * set-uid programs in images keep working. No seccomp profile is applied. No {@code rlimits} are set: the
 * container inherits the agent's (raising them fails here once runc has dropped capabilities).
 */
public final class OciSpec {

    /** Where the task sandbox appears inside the container (Mesos' path, also in {@code MESOS_SANDBOX}). */
    public static final String SANDBOX_MOUNT = "/mnt/mesos/sandbox";
    /** The {@code PATH} a container gets when neither the image nor the task sets one (Docker's default). */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** The signal that stops a container whose image names no {@code StopSignal}. */
    public static final String DEFAULT_STOP_SIGNAL = "SIGTERM";
    /** Docker's default capability set (runtime.md section 3: fewer makes nginx fail to drop privileges). */
    public static final List<String> DEFAULT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static final String OCI_VERSION = "1.0.2";
    private static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/sys/firmware", "/proc/scsi");
    private static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OciSpec() {
    }

    /**
     * Returns the {@code config.json} tree.
     *
     * @param image the image's runtime configuration
     * @param request the task's side
     * @param user the numeric identity, resolved from the effective user through the image's files
     * @param hostsFile the file bound read-only at {@code /etc/hosts}
     * @param resolvConf the file bound read-only at {@code /etc/resolv.conf}
     * @throws OciException if there is nothing to run
     */
    public static ObjectNode build(ImageConfig image, ContainerRequest request, UserIds user, Path hostsFile,
            Path resolvConf) {
        ObjectNode spec = JSON.objectNode();
        spec.put("ociVersion", OCI_VERSION);
        spec.set("process", process(image, request, user));
        ObjectNode root = spec.putObject("root");
        root.put("path", request.rootfs().toString());
        root.put("readonly", false);
        spec.put("hostname", request.hostname());
        spec.set("mounts", mounts(request, hostsFile, resolvConf));
        spec.set("linux", linux(request));
        return spec;
    }

    /** Returns the effective user: the task's override, else the image's {@code User} (empty for root). */
    public static String effectiveUser(ImageConfig image, ContainerRequest request) {
        return request.user().orElse(image.user());
    }

    /**
     * Returns the signal that asks a container of this image to stop, as {@code SIG<NAME>} or a number: the image's
     * {@code StopSignal} ({@code QUIT}, {@code SIGQUIT} or {@code 3}), else {@link #DEFAULT_STOP_SIGNAL}.
     */
    public static String stopSignal(ImageConfig image) {
        String signal = image.stopSignal().trim().toUpperCase(Locale.ROOT);
        if (signal.isEmpty()) {
            return DEFAULT_STOP_SIGNAL;
        }
        return signal.startsWith("SIG") || signal.chars().allMatch(Character::isDigit) ? signal : "SIG" + signal;
    }

    /**
     * Returns the environment: the image's {@code Env}, then {@code MESOS_SANDBOX} and {@code HOSTNAME}, then the
     * task's variables (the task wins); {@code PATH} defaults to {@link #DEFAULT_PATH}. Order: first definition.
     */
    public static Map<String, String> environment(ImageConfig image, ContainerRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        for (String entry : image.env()) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        env.put("MESOS_SANDBOX", SANDBOX_MOUNT);
        env.put("HOSTNAME", request.hostname());
        env.putAll(request.env());
        return env;
    }

    private static ObjectNode process(ImageConfig image, ContainerRequest request, UserIds user) {
        ObjectNode process = JSON.objectNode();
        process.put("terminal", false);
        ObjectNode userNode = process.putObject("user");
        userNode.put("uid", user.uid());
        userNode.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode gids = userNode.putArray("additionalGids");
            user.additionalGids().forEach(gids::add);
        }
        process.set("args", strings(request.process().argv(image)));
        process.set("env", strings(environment(image, request).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
        process.put("cwd", image.workingDir().isEmpty() ? "/" : image.workingDir());
        ObjectNode capabilities = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            capabilities.set(set, strings(DEFAULT_CAPABILITIES));
        }
        process.put("noNewPrivileges", false);
        return process;
    }

    private static ArrayNode mounts(ContainerRequest request, Path hostsFile, Path resolvConf) {
        ArrayNode mounts = JSON.arrayNode();
        mount(mounts, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(mounts, "/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        mount(mounts, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        mount(mounts, "/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro"));
        mount(mounts, "/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777"));
        mount(mounts, SANDBOX_MOUNT, "bind", request.sandbox().toString(), List.of("rbind", "rw"));
        mount(mounts, "/etc/hosts", "bind", hostsFile.toString(), List.of("bind", "ro", "nosuid", "nodev", "noexec"));
        mount(mounts, "/etc/resolv.conf", "bind", resolvConf.toString(),
                List.of("bind", "ro", "nosuid", "nodev", "noexec"));
        for (io.strata.agent.volume.VolumeMount volume : request.volumes()) { // after the sandbox: may lie inside it
            mount(mounts, volume.destination(SANDBOX_MOUNT), "bind", volume.source().toString(),
                    List.of("rbind", volume.readOnly() ? "ro" : "rw"));
        }
        return mounts;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source,
            List<String> options) {
        ObjectNode mount = mounts.addObject();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        mount.set("options", strings(options));
    }

    private static ObjectNode linux(ContainerRequest request) {
        ObjectNode linux = JSON.objectNode();
        ObjectNode resources = linux.putObject("resources");
        ObjectNode deny = resources.putArray("devices").addObject();
        deny.put("allow", false);
        deny.put("access", "rwm");
        resources.putObject("memory").put("limit", request.limits().memBytes());
        ObjectNode cpu = resources.putObject("cpu");
        cpu.put("shares", request.limits().cpuShares());
        // A quota of at least every CPU of the machine limits nothing: leave it out, so that the container's group
        // has none and an enclosing group's quota (which cgroup v1 requires to be no lower) can be set freely.
        if (request.limits().cpus() < Runtime.getRuntime().availableProcessors()) {
            cpu.put("quota", request.limits().cfsQuotaMicros());
            cpu.put("period", ResourceLimits.CFS_PERIOD_MICROS);
        }
        linux.put("cgroupsPath", request.cgroupsPath());
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String type : namespaceTypes(request.network())) {
            ObjectNode namespace = namespaces.addObject().put("type", type);
            if (type.equals("network")) {
                request.networkNamespace().ifPresent(path -> namespace.put("path", path.toString()));
            }
        }
        linux.set("maskedPaths", strings(MASKED_PATHS));
        linux.set("readonlyPaths", strings(READONLY_PATHS));
        return linux;
    }

    /** Returns the namespaces a container gets: always pid, ipc, uts and mount; network only when private. */
    static List<String> namespaceTypes(NetworkMode network) {
        return switch (network) {
            case HOST -> List.of("pid", "ipc", "uts", "mount");
            case PRIVATE -> List.of("pid", "network", "ipc", "uts", "mount");
        };
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** Returns the string elements of a JSON array (for tests and diagnostics). */
    static List<String> textList(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
