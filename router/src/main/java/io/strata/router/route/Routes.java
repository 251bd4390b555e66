package io.strata.router.route;

import java.util.Map;

/**
 * The admin router's location table, as DC/OS' nginx configuration had it: {@code /mesos/}, {@code /marathon/},
 * {@code /chronos/}, {@code /mesos_dns/}, {@code /service/<name>/}, {@code /agent/<id>/} (also {@code /slave/<id>/}),
 * {@code /package/} and {@code /capabilities} (the package service), {@code /dashboard/} and {@code /webjars/} (the
 * dashboard server), {@code /artifacts/<name>} (Strata's own jar, for packages to fetch), {@code /system/health};
 * everything else is the
 * dashboard. A prefix without its trailing slash redirects to the slash form so relative links keep working.
 */
public final class Routes {
    private static final String SERVICE = "/service";
    /** Admin Router's name for the agent route, and Strata's. */
    private static final java.util.Set<String> AGENT = java.util.Set.of("/slave", "/agent");
    private static final Map<String, Route.Upstream> FIXED = Map.of(
            "/mesos", Route.Upstream.MASTER,
            "/marathon", Route.Upstream.SERVICES,
            "/chronos", Route.Upstream.JOBS,
            "/mesos_dns", Route.Upstream.DNS);

    /** Routes whose upstream serves the prefix itself (no redirect, nothing stripped). */
    private static final Map<String, Route.Upstream> WHOLE = Map.of(
            "/package", Route.Upstream.PACKAGES,
            "/capabilities", Route.Upstream.PACKAGES,
            "/dashboard", Route.Upstream.DASHBOARD,
            "/webjars", Route.Upstream.DASHBOARD);

    private Routes() {
    }

    /** The route of a raw (still percent-encoded) request path. */
    public static Route match(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (path.equals("/system/health") || path.equals("/system/health/")) {
            return new Route.Health();
        }
        String first = firstSegment(path);
        if (first.equals("/artifacts") && path.length() > "/artifacts/".length()) {
            return new Route.Artifact(path.substring("/artifacts/".length()));
        }
        Route.Upstream whole = WHOLE.get(first);
        if (whole != null) {
            return new Route.Proxy(whole == Route.Upstream.PACKAGES ? "package" : "dashboard", first, whole);
        }
        Route.Upstream fixed = FIXED.get(first);
        if (fixed != null) {
            if (path.equals(first)) {
                return new Route.Redirect(first + "/");
            }
            return new Route.Proxy(first.substring(1), first, fixed);
        }
        if (first.equals(SERVICE)) {
            return named(path, SERVICE, Route.Upstream.SERVICE, "service");
        }
        if (AGENT.contains(first)) {
            return named(path, first, Route.Upstream.AGENT, "agent id");
        }
        return new Route.Dashboard();
    }

    /** {@code <base>/<name>/<rest>}: a route to the upstream registered under {@code name}. */
    private static Route named(String path, String base, Route.Upstream upstream, String what) {
        String rest = path.substring(base.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return new Route.NotFound("no " + what + " in the path; use " + base + "/<" + what.replace(' ', '-')
                    + ">/");
        }
        int slash = rest.indexOf('/', 1);
        String name = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
        if (slash < 0) {
            return new Route.Redirect(base + "/" + name + "/");
        }
        return new Route.Proxy(name, base + "/" + name, upstream);
    }

    private static String firstSegment(String path) {
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path : path.substring(0, slash);
    }
}
