package io.strata.agent.oci;

import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ResourceLimits;
import io.strata.agent.volume.VolumeMount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The task's side of an image container: everything {@link OciSpec} needs besides the image configuration.
 *
 * @param id the container id; also the runtime's container id
 * @param rootfs the container's own writable root directory (from the image provisioner); absolute
 * @param sandbox the task sandbox on the host, bind-mounted read-write at {@link OciSpec#SANDBOX_MOUNT}; absolute
 * @param process what to run (see {@link ContainerProcess} for how it overrides Entrypoint and Cmd)
 * @param env the task's environment; it wins over the image's {@code Env} for the same name
 * @param user a user overriding the image's {@code User} (name, uid, {@code user:group}), or empty to keep it
 * @param network host or private networking
 * @param hostname the container's host name (private networking gets its own UTS namespace in either mode)
 * @param cgroupsPath the absolute cgroup path the isolator created, {@code /strata/<agentName>/<containerId>}; runc
 *     joins those groups in every hierarchy (a relative path would be resolved against the agent's own cgroup)
 * @param limits the same limits the isolator wrote, repeated as {@code linux.resources}
 * @param networkNamespace with {@link NetworkMode#PRIVATE}, an existing network namespace to join (a task group's,
 *     see {@link NetworkNamespace}) instead of a new one; empty for a namespace of the container's own
 * @param volumes the task's prepared volumes, bound after the sandbox (so they may lie inside it)
 */
public record ContainerRequest(ContainerId id, Path rootfs, Path sandbox, ContainerProcess process,
        Map<String, String> env, Optional<String> user, NetworkMode network, String hostname, String cgroupsPath,
        ResourceLimits limits, Optional<Path> networkNamespace, List<VolumeMount> volumes) {

    /** A request without volumes. */
    public ContainerRequest(ContainerId id, Path rootfs, Path sandbox, ContainerProcess process, Map<String, String> env,
                            Optional<String> user, NetworkMode network, String hostname, String cgroupsPath,
                            ResourceLimits limits, Optional<Path> networkNamespace) {
        this(id, rootfs, sandbox, process, env, user, network, hostname, cgroupsPath, limits, networkNamespace,
                List.of());
    }

    /** A request without a namespace to join. */
    public ContainerRequest(ContainerId id, Path rootfs, Path sandbox, ContainerProcess process, Map<String, String> env,
                            Optional<String> user, NetworkMode network, String hostname, String cgroupsPath,
                            ResourceLimits limits) {
        this(id, rootfs, sandbox, process, env, user, network, hostname, cgroupsPath, limits, Optional.empty(),
                List.of());
    }

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[^=\\x00]+");

    /** Validates paths, names and the cgroup path, and copies the environment (keeping its order). */
    public ContainerRequest {
        Objects.requireNonNull(id, "id");
        requireAbsolute(rootfs, "rootfs");
        requireAbsolute(sandbox, "sandbox");
        Objects.requireNonNull(process, "process");
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches() || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable: '" + name + "'");
            }
        });
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(network, "network");
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("invalid hostname: '" + hostname + "'");
        }
        if (cgroupsPath == null || !cgroupsPath.startsWith("/") || cgroupsPath.contains("..")) {
            throw new IllegalArgumentException("cgroupsPath must be absolute (e.g. /strata/agent/id): " + cgroupsPath);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(networkNamespace, "networkNamespace");
        if (networkNamespace.isPresent() && (network != NetworkMode.PRIVATE || !networkNamespace.get().isAbsolute())) {
            throw new IllegalArgumentException("a network namespace to join needs private networking and an absolute "
                    + "path: " + networkNamespace.get());
        }
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** Returns the cgroup path the isolator uses for {@code id} on agent {@code agentName}. */
    public static String cgroupsPath(String agentName, ContainerId id) {
        return "/strata/" + agentName + "/" + id.value();
    }

    private static void requireAbsolute(Path path, String what) {
        if (path == null || !path.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be an absolute path: " + path);
        }
    }
}
