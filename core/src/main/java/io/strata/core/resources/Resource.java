package io.strata.core.resources;

import java.util.Objects;

/**
 * One named resource with a role and a value, e.g. {@code cpus(*):2} or {@code ports(public):[31000-32000]}.
 *
 * <p>Role {@value #UNRESERVED} means unreserved. The compact constructor enforces the Mesos rules and throws
 * {@link InvalidResourcesException} (an {@link IllegalArgumentException}):
 * <ul>
 *   <li>the name is non-blank;</li>
 *   <li>the value is a scalar, ranges or set (text is for attributes only);</li>
 *   <li>a scalar is non-negative (finiteness is guaranteed by {@link Scalar});</li>
 *   <li>{@code gpus} is a whole-number scalar;</li>
 *   <li>the role follows {@link #validateRole(String)}.</li>
 * </ul>
 *
 * @param name the resource name, e.g. {@code cpus}, {@code mem} (MB), {@code disk} (MB), {@code ports}
 * @param role the role the resource is reserved for, or {@code *}
 * @param value the amount
 */
public record Resource(String name, String role, Value value) {

    /** The role of unreserved resources. */
    public static final String UNRESERVED = "*";
    /** Name of the CPU resource (cores, fractional). */
    public static final String CPUS = "cpus";
    /** Name of the GPU resource (whole devices). */
    public static final String GPUS = "gpus";
    /** Name of the memory resource (MB). */
    public static final String MEM = "mem";
    /** Name of the disk resource (MB). */
    public static final String DISK = "disk";
    /** Name of the port resource (ranges). */
    public static final String PORTS = "ports";

    /** Validates the resource as described on the type. */
    public Resource {
        if (name == null || name.isBlank()) {
            throw new InvalidResourcesException(String.valueOf(name), "name is blank");
        }
        Objects.requireNonNull(value, "value");
        role = role == null ? UNRESERVED : role;
        String roleProblem = roleProblem(role);
        if (roleProblem != null) {
            throw new InvalidResourcesException(name, "role '" + role + "' is invalid: " + roleProblem);
        }
        switch (value) {
            case Scalar scalar -> validateScalar(name, scalar);
            case Ranges ignored -> { }
            case ValueSet ignored -> { }
            case Text ignored -> throw new InvalidResourcesException(name, "text values are for attributes only");
        }
    }

    private static void validateScalar(String name, Scalar scalar) {
        if (scalar.isNegative()) {
            throw new InvalidResourcesException(name, "value " + scalar.text() + " is negative");
        }
        if (GPUS.equals(name) && !scalar.isWhole()) {
            throw new InvalidResourcesException(name, "value " + scalar.text() + " is not a whole number of GPUs");
        }
    }

    /** Returns an unreserved scalar resource, e.g. {@code scalar("cpus", 0.5)}. */
    public static Resource scalar(String name, double amount) {
        return new Resource(name, UNRESERVED, Scalar.of(amount));
    }

    /** Returns a scalar resource reserved for {@code role}. */
    public static Resource scalar(String name, String role, double amount) {
        return new Resource(name, role, Scalar.of(amount));
    }

    /** Returns unreserved {@code ports} covering the given begin/end pairs. */
    public static Resource ports(long... bounds) {
        return new Resource(PORTS, UNRESERVED, Ranges.of(bounds));
    }

    /**
     * Checks a role name against the Mesos rules: not empty, not {@code .} or {@code ..}, no leading {@code -},
     * no {@code /}, backspace or whitespace.
     *
     * @throws InvalidResourcesException naming the role when it is invalid
     */
    public static void validateRole(String role) {
        String problem = role == null ? "role is missing" : roleProblem(role);
        if (problem != null) {
            throw new InvalidResourcesException("role", "'" + role + "' is invalid: " + problem);
        }
    }

    /** Returns true if {@code role} is a valid role name (see {@link #validateRole(String)}). */
    public static boolean isValidRole(String role) {
        return role != null && roleProblem(role) == null;
    }

    private static String roleProblem(String role) {
        if (role.isEmpty()) {
            return "empty";
        }
        if (role.equals(".") || role.equals("..")) {
            return "'.' and '..' are reserved";
        }
        if (role.startsWith("-")) {
            return "starts with '-'";
        }
        for (int i = 0; i < role.length(); i++) {
            char c = role.charAt(i);
            if (c == '/') {
                return "contains '/'";
            }
            if (c == '\b' || Character.isWhitespace(c)) {
                return "contains whitespace or backspace";
            }
        }
        return null;
    }

    /** Returns true if the role is {@code *}. */
    public boolean isUnreserved() {
        return UNRESERVED.equals(role);
    }

    /** Returns the same resource with another value (validated again). */
    public Resource withValue(Value newValue) {
        return new Resource(name, role, newValue);
    }

    /** Returns the text form {@code name(role):value}, omitting {@code (*)}. */
    @Override
    public String toString() {
        return isUnreserved() ? name + ":" + value.text() : name + "(" + role + "):" + value.text();
    }
}
