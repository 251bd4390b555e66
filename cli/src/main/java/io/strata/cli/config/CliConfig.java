package io.strata.cli.config;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CLI settings: known keys only, each validated when set.
 *
 * @param values key to value, sorted by key
 */
public record CliConfig(Map<String, String> values) {
    /** The admin router URL that fronts the whole cluster, e.g. {@code http://127.0.0.1:7070}. */
    public static final String CLUSTER_URL = "cluster.url";
    /** The kubectl binary {@code strata kubectl} runs (default: {@code kubectl} on the PATH). */
    public static final String KUBECTL_PATH = "kubectl.path";
    /** Every key {@code strata config set} accepts, with what it means. */
    public static final Map<String, String> KEYS = Map.of(
            CLUSTER_URL, "admin router URL of the cluster, e.g. http://127.0.0.1:7070",
            KUBECTL_PATH, "kubectl binary for 'strata kubectl' (default: kubectl on the PATH)");

    /** Copies and sorts. */
    public CliConfig {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** No settings. */
    public static CliConfig empty() {
        return new CliConfig(Map.of());
    }

    /** The value of {@code key}, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The cluster URL without a trailing slash, if set. */
    public Optional<String> clusterUrl() {
        return get(CLUSTER_URL).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** A copy with {@code key} set after validation; unknown keys and bad URLs are bad input (exit 2). */
    public CliConfig with(String key, String value) {
        if (!KEYS.containsKey(key)) {
            throw new CliFailure(ExitCodes.USAGE, "unknown key '" + key + "'; known keys: "
                    + String.join(", ", new TreeMap<>(KEYS).keySet()));
        }
        if (key.equals(CLUSTER_URL)) {
            validateUrl(value);
        }
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value.strip());
        return new CliConfig(copy);
    }

    /** A copy without {@code key}. */
    public CliConfig without(String key) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.remove(key);
        return new CliConfig(copy);
    }

    private static void validateUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "cluster.url: not a URL: " + value);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new CliFailure(ExitCodes.USAGE, "cluster.url: must be http(s)://host[:port], not " + value);
        }
    }
}
