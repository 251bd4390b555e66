package io.strata.router.health;

import io.strata.router.route.Lookup;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A component whose health the router reports: its name, how to find its base URL (absent: not configured),
 * and the path probed on it. Any answer below 500 counts as healthy: the component is up and serving HTTP.
 */
public record Component(String name, Supplier<Lookup> base, String probePath) {
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(probePath, "probePath");
        if (!probePath.startsWith("/")) {
            throw new IllegalArgumentException("probePath must start with '/': " + probePath);
        }
    }
}
