package io.strata.agent.volume;

import io.strata.api.mesos.ContainerInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a task's {@code container.volumes} (Mesos v1 JSON field names in messages) into {@link VolumeSpec}s.
 * Pure: no I/O.
 *
 * <p>Supported: {@code source.type SANDBOX_PATH} ({@code sandbox_path.type SELF} or {@code PARENT}, the latter only in
 * a task group) and {@code SECRET} with {@code secret.type VALUE} ({@code value.data} base64; {@code file_mode}
 * 0..0777, else 0444 read-only and 0644 read-write). {@code mode} RW or RO
 * (RW when absent). {@code container_path}: absolute or sandbox-relative for image tasks, sandbox-relative for tasks
 * without an image. Everything else is refused with a message naming the field: host paths, Docker and CSI volumes,
 * and secrets by reference (Strata has no secret store).
 */
public final class VolumeParser {
    private static final Set<String> RESERVED = Set.of("/proc", "/sys", "/dev");

    private VolumeParser() {
    }

    /**
     * Parses every volume of a task.
     *
     * @param volumes {@code container.volumes}; null or empty for none
     * @param inGroup whether the task belongs to a task group (a {@code PARENT} sandbox exists)
     * @param image whether the task runs in an image container (bind mounts) or not (links in the sandbox)
     * @throws IllegalArgumentException naming the field at fault, e.g. {@code container.volumes[1].container_path}
     */
    public static List<VolumeSpec> parse(List<ContainerInfo.Volume> volumes, boolean inGroup, boolean image) {
        if (volumes == null || volumes.isEmpty()) {
            return List.of();
        }
        List<VolumeSpec> out = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            String field = "container.volumes[" + i + "]";
            VolumeSpec spec = parse(volumes.get(i), field, inGroup, image);
            if (!targets.add(spec.containerPath())) {
                throw new IllegalArgumentException(field + ".container_path '" + spec.containerPath()
                        + "' is used by another volume");
            }
            out.add(spec);
        }
        return List.copyOf(out);
    }

    private static VolumeSpec parse(ContainerInfo.Volume volume, String field, boolean inGroup, boolean image) {
        if (volume == null) {
            throw new IllegalArgumentException(field + " is null");
        }
        String target = containerPath(volume.containerPath(), field + ".container_path", image);
        VolumeMode mode = mode(volume.mode(), field + ".mode");
        ContainerInfo.Volume.Source source = volume.source();
        if (source == null) {
            throw new IllegalArgumentException(volume.hostPath() != null
                    ? field + ".host_path volumes are not supported: use source.type SANDBOX_PATH or SECRET"
                    : field + ".source is missing");
        }
        if (source.type() == null) {
            throw new IllegalArgumentException(field + ".source.type is missing");
        }
        return switch (source.type()) {
            case SANDBOX_PATH -> sandboxPath(source.sandboxPath(), field + ".source.sandbox_path", target, mode,
                    inGroup);
            case SECRET -> secret(source.secret(), field + ".source.secret", target, mode);
            case UNKNOWN, DOCKER_VOLUME, HOST_PATH, CSI_VOLUME -> throw new IllegalArgumentException(field
                    + ".source.type " + source.type() + " is not supported: use SANDBOX_PATH or SECRET");
        };
    }

    private static VolumeSpec sandboxPath(ContainerInfo.Volume.SandboxPath sandboxPath, String field, String target,
                                          VolumeMode mode, boolean inGroup) {
        if (sandboxPath == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        VolumeSpec.Sandbox sandbox = switch (sandboxPath.type() == null
                ? ContainerInfo.Volume.SandboxPath.SandboxType.SELF : sandboxPath.type()) {
            case SELF -> VolumeSpec.Sandbox.SELF;
            case PARENT -> VolumeSpec.Sandbox.PARENT;
            case UNKNOWN -> throw new IllegalArgumentException(field + ".type must be SELF or PARENT");
        };
        if (sandbox == VolumeSpec.Sandbox.PARENT && !inGroup) {
            throw new IllegalArgumentException(field + ".type PARENT needs a task group (LAUNCH_GROUP): a task of "
                    + "its own has no parent sandbox");
        }
        return new VolumeSpec.SandboxPath(target, mode, sandbox, relativePath(sandboxPath.path(), field + ".path"));
    }

    private static VolumeSpec secret(ContainerInfo.Volume.Secret secret, String field, String target,
                                     VolumeMode mode) {
        if (secret == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (secret.type() != ContainerInfo.Volume.Secret.SecretType.VALUE) {
            throw new IllegalArgumentException(field + ".type " + secret.type() + " is not supported: Strata has no "
                    + "secret store, send the bytes as secret.type VALUE with value.data");
        }
        if (secret.value() == null || secret.value().data() == null) {
            throw new IllegalArgumentException(field + ".value.data is missing");
        }
        int fileMode = secret.fileMode() == null ? VolumeSpec.Secret.defaultFileMode(mode) : secret.fileMode();
        if (fileMode < 0 || fileMode > VolumeSpec.Secret.MAX_FILE_MODE) {
            throw new IllegalArgumentException(field + ".file_mode " + fileMode + " must be a number between 0 and "
                    + "0777 (octal), both inclusive");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(secret.value().data());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".value.data is not base64", e);
        }
        return new VolumeSpec.Secret(target, mode, data, fileMode);
    }

    private static VolumeMode mode(String mode, String field) {
        if (mode == null || mode.isEmpty()) {
            return VolumeMode.RW;
        }
        return switch (mode) {
            case "RW" -> VolumeMode.RW;
            case "RO" -> VolumeMode.RO;
            default -> throw new IllegalArgumentException(field + " must be RW or RO, not '" + mode + "'");
        };
    }

    private static String containerPath(String path, String field, boolean image) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (!path.startsWith("/")) {
            return relativePath(path, field);
        }
        if (!image) {
            throw new IllegalArgumentException(field + " '" + path + "' must be relative for a task without an "
                    + "image: the volume becomes a link in its sandbox");
        }
        String normal = path.equals("/") ? "/" : "/" + relativePath(path.substring(1), field);
        for (String reserved : RESERVED) {
            if (normal.equals("/") || normal.equals(reserved) || normal.startsWith(reserved + "/")) {
                throw new IllegalArgumentException(field + " '" + path + "' is reserved for the container's "
                        + "own filesystems");
            }
        }
        return normal;
    }

    /** A non-empty relative path without {@code ..} or empty segments, trailing slash dropped. */
    static String relativePath(String path, String field) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " '" + path + "' must be a relative path");
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException(field + " '" + path + "' must not contain '..', '.' or empty "
                        + "segments");
            }
        }
        return trimmed;
    }
}
