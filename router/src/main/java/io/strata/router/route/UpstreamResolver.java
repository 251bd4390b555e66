package io.strata.router.route;

import java.net.URI;
import java.util.Optional;

/**
 * Turns a proxied route into its upstream's base URL: the leader for {@code /mesos}, the configured URLs for
 * {@code /marathon}, {@code /chronos} and {@code /mesos_dns}, the {@link ServiceDirectory} for
 * {@code /service/<name>} (with the configured Kubernetes URL as the fallback for {@code kubernetes}).
 */
public final class UpstreamResolver {
    /** The service name under which the configured Kubernetes API is reachable. */
    public static final String KUBERNETES = "kubernetes";
    private final LeaderLocator leader;
    private final ServiceDirectory directory;
    private final Optional<URI> services;
    private final Optional<URI> jobs;
    private final Optional<URI> dns;
    private final Optional<URI> kubernetes;
    private final Optional<URI> packages;
    private final Optional<URI> dashboard;

    /** A resolver over the given sources; absent URLs make their routes answer 502 "not configured". */
    public UpstreamResolver(LeaderLocator leader, ServiceDirectory directory, Optional<URI> services,
                            Optional<URI> jobs, Optional<URI> dns, Optional<URI> kubernetes, Optional<URI> packages,
                            Optional<URI> dashboard) {
        this.leader = leader;
        this.directory = directory;
        this.services = services.map(u -> Lookup.found(u).base());
        this.jobs = jobs.map(u -> Lookup.found(u).base());
        this.dns = dns.map(u -> Lookup.found(u).base());
        this.kubernetes = kubernetes.map(u -> Lookup.found(u).base());
        this.packages = packages.map(u -> Lookup.found(u).base());
        this.dashboard = dashboard.map(u -> Lookup.found(u).base());
    }

    /** The upstream of {@code route}. May block briefly on a cache refresh. */
    public Lookup resolve(Route.Proxy route) {
        return switch (route.upstream()) {
            case MASTER -> leader.leader();
            case SERVICES -> configured(services, route.service(), "--services");
            case JOBS -> configured(jobs, route.service(), "--jobs");
            case DNS -> configured(dns, route.service(), "--dns");
            case SERVICE -> service(route.service());
            case AGENT -> directory.agent(route.service());
            case PACKAGES -> configured(packages, route.service(), "--packages");
            case DASHBOARD -> configured(dashboard, route.service(), "--dashboard");
        };
    }

    /**
     * The upstream of {@code route} if it is known without blocking (configured URLs, fresh cache entries), else
     * empty: the caller then calls {@link #resolve} off the network threads.
     */
    public Optional<Lookup> resolveCached(Route.Proxy route) {
        return switch (route.upstream()) {
            case MASTER -> leader.cached();
            case SERVICES, JOBS, DNS, PACKAGES, DASHBOARD -> Optional.of(resolve(route));
            case SERVICE -> serviceCached(route.service());
            case AGENT -> directory.cachedAgent(route.service());
        };
    }

    /** Tells the resolver that {@code route}'s upstream refused or redirected, so cached answers are dropped. */
    public void upstreamFailed(Route.Proxy route) {
        switch (route.upstream()) {
            case MASTER -> leader.invalidate();
            case SERVICE, AGENT -> directory.expire();
            case SERVICES, JOBS, DNS, PACKAGES, DASHBOARD -> { }
        }
    }

    /** The dashboard server, when one is configured: it then serves {@code /} too. */
    public Optional<URI> dashboard() {
        return dashboard;
    }

    private Optional<Lookup> serviceCached(String name) {
        boolean fallback = name.equals(KUBERNETES) && kubernetes.isPresent();
        Optional<Lookup> cached = directory.cached(name, fallback);
        if (fallback && cached.isPresent() && !(cached.get() instanceof Lookup.Found)) {
            return Optional.of(new Lookup.Found(kubernetes.get()));
        }
        return cached;
    }

    private Lookup service(String name) {
        Lookup found = directory.lookup(name);
        if (!(found instanceof Lookup.Found) && name.equals(KUBERNETES) && kubernetes.isPresent()) {
            return new Lookup.Found(kubernetes.get());
        }
        return found;
    }

    private static Lookup configured(Optional<URI> url, String service, String flag) {
        return url.<Lookup>map(Lookup.Found::new).orElseGet(() -> new Lookup.Unavailable(
                "the " + service + " upstream is not configured (router flag " + flag + ")"));
    }
}
