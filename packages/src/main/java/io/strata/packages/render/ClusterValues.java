package io.strata.packages.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Facts about the cluster a template may use as {@code {{strata.zk}}}, {@code {{strata.master}}},
 * {@code {{strata.router}}} and {@code {{strata.services}}}: DC/OS packages hard-coded {@code master.mesos} and
 * the admin router's name; Strata passes the real addresses instead.
 *
 * @param zk the cluster's ZooKeeper address, {@code zk://host:port/path}
 * @param master the master address for frameworks ({@code zk://...} or {@code http://host:port})
 * @param router the admin router's base URL, where {@code /artifacts/strata.jar} is served
 * @param services the services (Marathon API) base URL
 */
public record ClusterValues(String zk, String master, String router, String services) {
    /** All fields are required; trailing slashes are dropped from the URLs. */
    public ClusterValues {
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(master, "master");
        router = trim(Objects.requireNonNull(router, "router"));
        services = trim(Objects.requireNonNull(services, "services"));
    }

    /** The values as the {@code strata} object of a template context. */
    public Map<String, Object> asContext() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zk", zk);
        values.put("master", master);
        values.put("router", router);
        values.put("services", services);
        return values;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
