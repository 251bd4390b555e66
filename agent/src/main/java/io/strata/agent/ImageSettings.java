package io.strata.agent;

import java.util.Set;

/**
 * How an agent gets and runs container images.
 *
 * @param defaultRegistry the registry of short names ({@code busybox} -> {@code <registry>/busybox:latest}, with
 *     {@code library/} added on Docker Hub)
 * @param insecureRegistries registries ({@code host:port}) reached over plain HTTP; loopback ones always are
 * @param ociRuntime {@code runc} or {@code crun}
 */
public record ImageSettings(String defaultRegistry, Set<String> insecureRegistries, String ociRuntime) {
    /** Docker Hub, no insecure registries, runc. */
    public static final ImageSettings DEFAULT = new ImageSettings("docker.io", Set.of(), "runc");

    public ImageSettings {
        if (defaultRegistry == null || defaultRegistry.isBlank()) {
            throw new IllegalArgumentException("--default-registry must not be empty");
        }
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
        ociRuntime = ociRuntime == null ? "runc" : ociRuntime;
    }

    /** Parses a comma-separated registry list. */
    public static Set<String> registries(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Set.of(commaSeparated.trim().split("\\s*,\\s*"));
    }
}
