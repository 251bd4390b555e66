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
    @Option(names = "--oci-runtime", defaultValue = "runc", description = "runc or crun (default ${DEFAULT-VALUE}).")
    String ociRuntime;
    @Option(names = "--image-gc-threshold-mb", defaultValue = "10240",
            description = "Remove images no task uses once the image store is larger (default ${DEFAULT-VALUE} MB).")
    long gcThresholdMb;

    /** The settings the options give. */
    ImageSettings settings() {
        return new ImageSettings(defaultRegistry, ImageSettings.registries(insecureRegistries), ociRuntime,
                gcThresholdMb);
    }
}
