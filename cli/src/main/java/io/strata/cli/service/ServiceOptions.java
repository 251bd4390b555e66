package io.strata.cli.service;

import io.strata.cli.config.CliConfigStore;
import java.net.URI;
import java.util.Map;

/**
 * Where a framework API is: the flag, else an environment variable, else the local default port of
 * {@code strata up}. Shared by the {@code app} (services, 8080) and {@code job} (jobs, 4400) commands.
 */
public final class ServiceOptions {
    private ServiceOptions() {
    }

    /** The services (Marathon API) environment variable. */
    public static final String SERVICES_ENV = "STRATA_SERVICES_URL";
    /** The jobs (Chronos API) environment variable. */
    public static final String JOBS_ENV = "STRATA_JOBS_URL";
    /** Default services API of {@code strata up}. */
    public static final String SERVICES_DEFAULT = "http://127.0.0.1:8080";
    /** Default jobs API of {@code strata up}. */
    public static final String JOBS_DEFAULT = "http://127.0.0.1:4400";

    /**
     * {@code flag} if given, else {@code env[variable]}, else the configured {@code cluster.url} plus
     * {@code routerPath} (the admin router's prefix for this API), else {@code fallback}; a bare host:port gets
     * http://.
     */
    public static URI resolve(String flag, Map<String, String> env, String variable, String routerPath,
                              String fallback) {
        String value;
        if (flag != null && !flag.isBlank()) {
            value = flag;
        } else if (!env.getOrDefault(variable, "").isBlank()) {
            value = env.get(variable);
        } else {
            value = CliConfigStore.load(env).clusterUrl().map(url -> url + routerPath).orElse(fallback);
        }
        return URI.create(value.contains("://") ? value : "http://" + value);
    }
}
