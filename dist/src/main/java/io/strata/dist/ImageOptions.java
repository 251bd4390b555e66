package io.strata.dist;

import io.strata.agent.ImageSettings;
import picocli.CommandLine.Option;

/** The agent options about container images, shared by {@code strata agent} and {@code strata up}. */
final class ImageOptions {
    @Option(names = "--default-registry", defaultValue = "docker.io",
            description = "Registry of short image names (default ${DEFAULT-VALUE}).")
    String defaultRegistry;
    @Option(names = "--insecure-registries", defaultValue = "",
            description = "Comma-separated host:port registries reached over plain HTTP (loopback ones always are).")
    String insecureRegistries;
    @Option(names = "--oci-runtime", defaultValue = "auto",
            description = "runc, crun or auto: crun where the cgroup v2 hierarchy is unified, else runc "
                    + "(default ${DEFAULT-VALUE}).")
    String ociRuntime;
    @Option(names = "--registry-credentials", paramLabel = "FILE",
            description = "Registry logins in Docker's config.json format ({\"auths\": {\"host:port\": {\"auth\": "
                    + "base64(user:password)}}}), for basic and token authentication.")
    java.nio.file.Path registryCredentials;
    @Option(names = "--image-gc-threshold-mb", defaultValue = "10240",
            description = "Remove images no task uses once the image store is larger (default ${DEFAULT-VALUE} MB).")
    long gcThresholdMb;

    /** The settings the options give. */
    ImageSettings settings() {
        return new ImageSettings(defaultRegistry, ImageSettings.registries(insecureRegistries), ociRuntime,
                gcThresholdMb, java.util.Optional.ofNullable(registryCredentials));
    }
}
