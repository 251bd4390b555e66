package io.strata.packages.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Facts about the cluster a template may use as {@code {{strata.zk}}}, {@code {{strata.master}}},
 * {@code {{strata.router}}}, {@code {{strata.services}}} and {@code {{strata.java}}}: DC/OS packages hard-coded
 * {@code master.mesos} and the admin router's name; Strata passes the real addresses instead.
 *
 * @param zk the cluster's ZooKeeper address, {@code zk://host:port/path}
 * @param master the master address for frameworks ({@code zk://...} or {@code http://host:port})
 * @param router the admin router's base URL, where {@code /artifacts/strata.jar} is served
 * @param services the services (Marathon API) base URL
 * @param java the {@code java} command of a JDK that runs {@code strata.jar} (release 21+): agents' {@code PATH}
 *     may hold an older one, so packages that run the jar name this one
 */
public record ClusterValues(String zk, String master, String router, String services, String java) {
    /** All fields are required; trailing slashes are dropped from the URLs. */
    public ClusterValues {
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(master, "master");
        router = trim(Objects.requireNonNull(router, "router"));
        services = trim(Objects.requireNonNull(services, "services"));
    }

    /** Values whose {@code java} is the one on the agents' {@code PATH}. */
    public ClusterValues(String zk, String master, String router, String services) {
        this(zk, master, router, services, "java");
    }

    /** The values as the {@code strata} object of a template context. */
    public Map<String, Object> asContext() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zk", zk);
        values.put("master", master);
        values.put("router", router);
        values.put("services", services);
        values.put("java", java);
        return values;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
