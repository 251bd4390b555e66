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

    /** A volume mapping. */
    public record Volume(String containerPath, String hostPath, String mode) {
    }

    /** A named network and port mappings. */
    public record NetworkInfo(String name, List<PortMapping> portMappings) {
        /** Host port to container port. */
        public record PortMapping(long hostPort, long containerPort, String protocol) {
        }
    }
}
