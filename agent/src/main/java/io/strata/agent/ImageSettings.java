package io.strata.agent;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How an agent gets and runs container images.
 *
 * @param defaultRegistry the registry of short names ({@code busybox} -> {@code <registry>/busybox:latest}, with
 *     {@code library/} added on Docker Hub)
 * @param insecureRegistries registries ({@code host:port}) reached over plain HTTP; loopback ones always are
 * @param ociRuntime {@code runc}, {@code crun} or {@code auto} (crun on a unified cgroup v2 host, else runc)
 * @param gcThresholdMb once the image store holds more than this, images no container uses are removed
 * @param registryCredentials a Docker {@code config.json} with registry logins ({@code --registry-credentials}),
 *     or empty for anonymous pulls only
 */
public record ImageSettings(String defaultRegistry, Set<String> insecureRegistries, String ociRuntime,
                            long gcThresholdMb, Optional<Path> registryCredentials) {
    /** Store size past which unused images are collected by default: 10 GiB. */
    public static final long DEFAULT_GC_THRESHOLD_MB = 10 * 1024;
    /** Docker Hub, no insecure registries, the runtime chosen automatically, no credentials. */
    public static final ImageSettings DEFAULT = new ImageSettings("docker.io", Set.of(), "auto");

    /** Settings without registry credentials. */
    public ImageSettings(String defaultRegistry, Set<String> insecureRegistries, String ociRuntime,
                         long gcThresholdMb) {
        this(defaultRegistry, insecureRegistries, ociRuntime, gcThresholdMb, Optional.empty());
    }

    /** Settings with the default garbage-collection threshold. */
    public ImageSettings(String defaultRegistry, Set<String> insecureRegistries, String ociRuntime) {
        this(defaultRegistry, insecureRegistries, ociRuntime, DEFAULT_GC_THRESHOLD_MB);
    }

    public ImageSettings {
        if (defaultRegistry == null || defaultRegistry.isBlank()) {
            throw new IllegalArgumentException("--default-registry must not be empty");
        }
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
        ociRuntime = ociRuntime == null ? "auto" : ociRuntime.trim().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("runc", "crun", "auto").contains(ociRuntime)) {
            throw new IllegalArgumentException("--oci-runtime must be runc, crun or auto, not '" + ociRuntime + "'");
        }
        if (gcThresholdMb < 0) {
            throw new IllegalArgumentException("--image-gc-threshold-mb must not be negative: " + gcThresholdMb);
        }
        registryCredentials = registryCredentials == null ? Optional.empty() : registryCredentials;
    }

    /** These settings with registry logins read from {@code configJson} (Docker's config.json format). */
    public ImageSettings withRegistryCredentials(Path configJson) {
        return new ImageSettings(defaultRegistry, insecureRegistries, ociRuntime, gcThresholdMb,
                Optional.of(configJson));
    }

    /** These settings with another {@code --oci-runtime} value. */
    public ImageSettings withOciRuntime(String value) {
        return new ImageSettings(defaultRegistry, insecureRegistries, value, gcThresholdMb, registryCredentials);
    }

    /** Parses a comma-separated registry list. */
    public static Set<String> registries(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Set.of(commaSeparated.trim().split("\\s*,\\s*"));
    }
}
