package io.strata.agent.volume;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A prepared volume: the host file or directory that holds it and where the container sees it.
 *
 * @param source absolute host path (a directory for sandbox paths, a file for secrets)
 * @param containerPath as in the task: absolute, or relative to the sandbox
 * @param mode read-write or read-only
 */
public record VolumeMount(Path source, String containerPath, VolumeMode mode) {
    public VolumeMount {
        if (source == null || !source.isAbsolute()) {
            throw new IllegalArgumentException("volume source must be an absolute path: " + source);
        }
        Objects.requireNonNull(containerPath, "containerPath");
        Objects.requireNonNull(mode, "mode");
    }

    /** Whether the container must not write it. */
    public boolean readOnly() {
        return mode == VolumeMode.RO;
    }

    /** The absolute path in an image container: relative paths are under the sandbox mount {@code sandboxMount}. */
    public String destination(String sandboxMount) {
        return containerPath.startsWith("/") ? containerPath : sandboxMount + "/" + containerPath;
    }
}
