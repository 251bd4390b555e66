package io.strata.agent.isolation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of one container run; it is used verbatim as a directory name in control groups and sandboxes.
 *
 * <p>Only letters, digits, {@code .}, {@code _} and {@code -} are allowed (at most 200 characters), and the value may
 * not be {@code .} or {@code ..}, so it can never address a path outside its parent directory.
 */
public record ContainerId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** Validates the value. */
    public ContainerId {
        Objects.requireNonNull(value, "value");
        if (!ALLOWED.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("invalid container id: '" + value + "'");
        }
    }

    /** Returns a container id for the given value. */
    public static ContainerId of(String value) {
        return new ContainerId(value);
    }

    /** Checks that a name (such as an agent name) is safe to use as one path segment, with the same rules. */
    static String requireSafeName(String name, String what) {
        if (name == null || !ALLOWED.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid " + what + ": '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return value;
    }
}
