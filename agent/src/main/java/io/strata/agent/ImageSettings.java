package io.strata.agent;

import java.util.Set;

/**
 * How an agent gets and runs container images.
 *
 * @param defaultRegistry the registry of short names ({@code busybox} -> {@code <registry>/busybox:latest}, with
 *     {@code library/} added on Docker Hub)
 * @param insecureRegistries registries ({@code host:port}) reached over plain HTTP; loopback ones always are
 * @param ociRuntime {@code runc} or {@code crun}
 * @param gcThresholdMb once the image store holds more than this, images no container uses are removed
 */
public record ImageSettings(String defaultRegistry, Set<String> insecureRegistries, String ociRuntime,
                            long gcThresholdMb) {
    /** Store size past which unused images are collected by default: 10 GiB. */
    public static final long DEFAULT_GC_THRESHOLD_MB = 10 * 1024;
    /** Docker Hub, no insecure registries, runc. */
    public static final ImageSettings DEFAULT = new ImageSettings("docker.io", Set.of(), "runc");

    /** Settings with the default garbage-collection threshold. */
    public ImageSettings(String defaultRegistry, Set<String> insecureRegistries, String ociRuntime) {
        this(defaultRegistry, insecureRegistries, ociRuntime, DEFAULT_GC_THRESHOLD_MB);
    }

    public ImageSettings {
        if (defaultRegistry == null || defaultRegistry.isBlank()) {
            throw new IllegalArgumentException("--default-registry must not be empty");
        }
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
        ociRuntime = ociRuntime == null ? "runc" : ociRuntime;
        if (gcThresholdMb < 0) {
            throw new IllegalArgumentException("--image-gc-threshold-mb must not be negative: " + gcThresholdMb);
        }
    }

    /** Parses a comma-separated registry list. */
    public static Set<String> registries(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Set.of(commaSeparated.trim().split("\\s*,\\s*"));
    }
}
