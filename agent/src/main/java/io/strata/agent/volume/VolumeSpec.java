package io.strata.agent.volume;

import java.util.Arrays;
import java.util.Objects;

/**
 * One validated volume of a container: where it appears ({@code containerPath}), its mode, and where its content
 * comes from.
 */
public sealed interface VolumeSpec {
    /** Where the volume appears: an absolute path in an image container, or a path relative to the sandbox. */
    String containerPath();

    /** Read-write or read-only. */
    VolumeMode mode();

    /** Whose sandbox a {@link SandboxPath} volume lives in. */
    enum Sandbox {
        /** The task's own sandbox. */
        SELF,
        /** The sandbox of the task's executor: for a task group, the group's, shared by all its tasks. */
        PARENT
    }

    /** A directory in a sandbox ({@code source.type SANDBOX_PATH}); created when missing. */
    record SandboxPath(String containerPath, VolumeMode mode, Sandbox sandbox, String path) implements VolumeSpec {
        public SandboxPath {
            Objects.requireNonNull(containerPath, "containerPath");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(sandbox, "sandbox");
            Objects.requireNonNull(path, "path");
        }
    }

    /** A file holding a secret's bytes ({@code source.type SECRET} with {@code secret.type VALUE}). */
    record Secret(String containerPath, VolumeMode mode, byte[] data) implements VolumeSpec {
        public Secret {
            Objects.requireNonNull(containerPath, "containerPath");
            Objects.requireNonNull(mode, "mode");
            data = data.clone();
        }

        /** A copy of the secret's bytes. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secret s && s.containerPath.equals(containerPath) && s.mode == mode
                    && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(containerPath, mode, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Secret[containerPath=" + containerPath + ", mode=" + mode + ", data=(" + data.length + " bytes)]";
        }
    }
}
