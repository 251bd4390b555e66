package io.strata.router.route;

import java.net.URI;
import java.util.Objects;

/** The outcome of finding an upstream: found, unknown (404) or known but unreachable for now (502). */
public sealed interface Lookup {

    /** The upstream's base URL ({@code scheme://host:port}, possibly with a base path, never ending in '/'). */
    record Found(URI base) implements Lookup {
        public Found {
            Objects.requireNonNull(base, "base");
            if (base.getRawPath() != null && base.getRawPath().endsWith("/")) {
                throw new IllegalArgumentException("base must not end with '/': " + base);
            }
        }
    }

    /** Nothing is registered under the name. */
    record Unknown(String message) implements Lookup {
        public Unknown {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The upstream or the directory that names it cannot be reached now. */
    record Unavailable(String message) implements Lookup {
        public Unavailable {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A Found for a URL, dropping a trailing '/' (a webui_url of {@code http://h:p/} means the root). */
    static Found found(URI url) {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Found(URI.create(text));
    }
}
