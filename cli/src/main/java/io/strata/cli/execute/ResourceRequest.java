package io.strata.cli.execute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scalar resources a task asks for, by name in the order given, in thousandths ("millis") because Mesos keeps
 * three decimal digits: {@code cpus:0.1} is 100 millis, {@code mem:32} is 32,000.
 *
 * @param millis amount per resource name, each positive
 */
public record ResourceRequest(Map<String, Long> millis) {
    /** Validates and copies, keeping the order. */
    public ResourceRequest {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("a resource request names at least one resource");
        }
        millis.forEach((name, amount) -> {
            if (amount <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + amount);
            }
            if (name.equals("ports") && amount % 1000 != 0) {
                throw new IllegalArgumentException("ports must be a whole number of ports: " + amount / 1000.0);
            }
        });
        millis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(millis));
    }

    /**
     * This request with at least {@code count} ports ({@code ports:N} asks for N port numbers from the offer's
     * ports ranges, not for an amount).
     */
    public ResourceRequest withPorts(int count) {
        if (count <= amount(PORTS)) {
            return this;
        }
        Map<String, Long> copy = new LinkedHashMap<>(millis);
        copy.put(PORTS, count * 1000L);
        return new ResourceRequest(copy);
    }

    /** The resource whose value is a count of port numbers. */
    public static final String PORTS = "ports";

    /** The amount of {@code name} as a double (0 when not requested). */
    public double amount(String name) {
        return millis.getOrDefault(name, 0L) / 1000.0;
    }

    /** The text form, e.g. {@code cpus:0.1;mem:32}. */
    @Override
    public String toString() {
        return millis.entrySet().stream()
                .map(e -> e.getKey() + ":" + io.strata.cli.output.Formats.scalar(e.getValue() / 1000.0))
                .collect(Collectors.joining(";"));
    }
}
