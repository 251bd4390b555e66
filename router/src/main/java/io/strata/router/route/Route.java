package io.strata.router.route;

import java.util.Objects;

/** What the router does with one request path; exactly one of the cases below. */
public sealed interface Route {

    /** Proxy to an upstream, stripping {@code prefix} from the path; {@code service} names it in errors. */
    record Proxy(String service, String prefix, Upstream upstream) implements Route {
        public Proxy {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(upstream, "upstream");
            if (!prefix.startsWith("/") || prefix.endsWith("/")) {
                throw new IllegalArgumentException("prefix must start and not end with '/': " + prefix);
            }
        }

        /** The upstream path for {@code rawPath}: what follows the prefix (at least "/"), or all of it when the
         * upstream serves the prefix itself. */
        public String strip(String rawPath) {
            if (upstream.keepsPrefix()) {
                return rawPath;
            }
            String rest = rawPath.substring(prefix.length());
            return rest.isEmpty() ? "/" : rest;
        }
    }

    /** Answer {@code /system/health} from the router itself. */
    record Health() implements Route { }

    /** Serve a build artifact such as {@code strata.jar} ({@code /artifacts/<name>}), as DC/OS served packages'. */
    record Artifact(String name) implements Route {
        public Artifact {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Serve the dashboard's static assets. */
    record Dashboard() implements Route { }

    /** Answer 301 to {@code location} (a prefix without its trailing slash, as nginx did). */
    record Redirect(String location) implements Route {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Answer 404 with {@code message}. */
    record NotFound(String message) implements Route {
        public NotFound {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The kinds of upstream a proxied route can have. */
    enum Upstream {
        /** The leading master ({@code /mesos}). */
        MASTER(false),
        /** The services framework's Marathon API ({@code /marathon}). */
        SERVICES(false),
        /** The jobs framework's Chronos API ({@code /chronos}). */
        JOBS(false),
        /** The DNS HTTP API ({@code /mesos_dns}). */
        DNS(false),
        /** A framework or labelled app found by its service name ({@code /service/<name>}). */
        SERVICE(false),
        /** An agent found by its id in the master's state ({@code /agent/<id>}, {@code /slave/<id>}). */
        AGENT(false),
        /** The package service, which serves {@code /package/...} and {@code /capabilities} itself (Cosmos). */
        PACKAGES(true),
        /** The dashboard server's own API and files ({@code /dashboard/...}, {@code /webjars/...}). */
        DASHBOARD(true);

        private final boolean keepsPrefix;

        Upstream(boolean keepsPrefix) {
            this.keepsPrefix = keepsPrefix;
        }

        /** Whether the upstream gets the whole path, prefix included. */
        public boolean keepsPrefix() {
            return keepsPrefix;
        }
    }
}
