package io.strata.api.mesos;

import java.util.List;

/** The container a task runs in; {@code MESOS} with an optional image. */
public record ContainerInfo(Type type, List<Volume> volumes, String hostname, MesosInfo mesos,
                            List<NetworkInfo> networkInfos) {

    /** Containerizer kinds. */
    public enum Type { DOCKER, MESOS }

    /** The MESOS containerizer's options. */
    public record MesosInfo(Image image) {
    }

    /** A container image reference. */
    public record Image(ImageType type, DockerImage docker, Boolean cached) {
        /** Image kinds. */
        public enum ImageType { APPC, DOCKER }

        /** A Docker/OCI image name. */
        public record DockerImage(String name) {
        }
    }

    /**
     * A volume of the container (Mesos' {@code Volume}): {@code mode} RW or RO, {@code container_path}, and either the
     * legacy {@code host_path} or a {@code source}.
     */
    public record Volume(String containerPath, String hostPath, String mode, Source source) {

        /** A volume from a host path only (the pre-{@code source} form). */
        public Volume(String containerPath, String hostPath, String mode) {
            this(containerPath, hostPath, mode, null);
        }

        /** Where a volume's content comes from; one of the fields matching {@code type} is set. */
        public record Source(SourceType type, HostPath hostPath, SandboxPath sandboxPath, Secret secret) {
        }

        /** Volume source kinds, as Mesos names them. */
        public enum SourceType { UNKNOWN, DOCKER_VOLUME, HOST_PATH, SANDBOX_PATH, SECRET, CSI_VOLUME }

        /** A path on the agent's host. */
        public record HostPath(String path) {
        }

        /**
         * A path in a sandbox: {@code SELF} the task's own, {@code PARENT} its executor's (shared by the tasks of a
         * group).
         */
        public record SandboxPath(SandboxType type, String path) {
            /** Whose sandbox. */
            public enum SandboxType { UNKNOWN, SELF, PARENT }
        }

        /**
         * A secret: by {@code reference} (name, key) in a secret store, or by {@code value} (base64 bytes). Strata
         * extension: {@code file_mode}, the permission bits (0..0777, a decimal JSON number as Kubernetes' modes are)
         * of the file the agent writes; absent for its default (0444 read-only, 0644 read-write).
         */
        public record Secret(SecretType type, Reference reference, Value value, Integer fileMode) {

            /** A secret whose file gets the agent's default mode. */
            public Secret(SecretType type, Reference reference, Value value) {
                this(type, reference, value, null);
            }

            /** Secret kinds. */
            public enum SecretType { UNKNOWN, REFERENCE, VALUE }

            /** A secret store entry. */
            public record Reference(String name, String key) {
            }

            /** The secret's bytes, base64 in JSON as Mesos encodes bytes. */
            public record Value(String data) {
            }
        }
    }

    /** A named network and port mappings. */
    public record NetworkInfo(String name, List<PortMapping> portMappings) {
        /** Host port to container port. */
        public record PortMapping(long hostPort, long containerPort, String protocol) {
        }
    }
}
