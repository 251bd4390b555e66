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

    /**
     * A file holding a secret's bytes ({@code source.type SECRET} with {@code secret.type VALUE}), written with the
     * permission bits {@code fileMode} (0..0777).
     */
    record Secret(String containerPath, VolumeMode mode, byte[] data, int fileMode) implements VolumeSpec {
        /** The largest file mode: rwx for owner, group and others. */
        public static final int MAX_FILE_MODE = 0777;

        public Secret {
            Objects.requireNonNull(containerPath, "containerPath");
            Objects.requireNonNull(mode, "mode");
            data = data.clone();
            if (fileMode < 0 || fileMode > MAX_FILE_MODE) {
                throw new IllegalArgumentException("file mode " + Integer.toOctalString(fileMode)
                        + " is not between 0 and 0777");
            }
        }

        /** A secret file with the default mode for {@code mode}: 0444 read-only, 0644 read-write. */
        public Secret(String containerPath, VolumeMode mode, byte[] data) {
            this(containerPath, mode, data, defaultFileMode(mode));
        }

        /** The file mode of a secret that names none: 0444 read-only, 0644 read-write. */
        public static int defaultFileMode(VolumeMode mode) {
            return mode == VolumeMode.RO ? 0444 : 0644;
        }

        /** A copy of the secret's bytes. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secret s && s.containerPath.equals(containerPath) && s.mode == mode
                    && s.fileMode == fileMode && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(containerPath, mode, fileMode, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Secret[containerPath=" + containerPath + ", mode=" + mode + ", fileMode=0"
                    + Integer.toOctalString(fileMode) + ", data=(" + data.length + " bytes)]";
        }
    }
}
