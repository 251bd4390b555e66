package io.strata.router.proxy;

import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.http.HttpURI;

/**
 * Where one request goes: the upstream {@code base} URL, the upstream path (the request path with the route's
 * {@code prefix} stripped), the raw query, and the {@code service} name used in errors.
 */
public record ProxyTarget(String service, String prefix, URI base, String path, String query) {
    /** The request attribute under which the router hands the target to the proxy. */
    public static final String ATTRIBUTE = ProxyTarget.class.getName();

    public ProxyTarget {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
    }

    /** The full upstream URL of the request. */
    public URI uri() {
        return URI.create(base + path + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** The full upstream URL as Jetty's client takes it, built from the parts (no string is parsed). */
    public HttpURI httpUri() {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return HttpURI.build().scheme(base.getScheme()).host(base.getHost()).port(base.getPort())
                .path(basePath + path).query(query == null || query.isEmpty() ? null : query);
    }

    /** The upstream path and query as sent in a request line. */
    public String pathAndQuery() {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return basePath + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** The upstream port, with the scheme's default when the URL has none. */
    public int port() {
        if (base.getPort() > 0) {
            return base.getPort();
        }
        return "https".equals(base.getScheme()) ? 443 : 80;
    }
}
