package io.strata.cli.execute;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses the scalar subset of Mesos' resource text: {@code name:value;name:value}, e.g.
 * {@code cpus:0.5;mem:128;disk:64}.
 *
 * <p>Names use {@code [a-zA-Z0-9_/.-]}; values are Mesos scalars {@code int(.int)?}, positive, rounded down to
 * three decimals (1.5123 becomes 1.512). Blank entries (a trailing {@code ;}) are skipped; a name may appear
 * once. Roles ({@code cpus(role):1}), ranges and sets are not accepted here: the framework's role picks the
 * reservation. Every error message names the offending entry.
 */
public final class ResourceText implements ITypeConverter<ResourceRequest> {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_/.-]+");
    private static final Pattern SCALAR = Pattern.compile("\\d+(\\.\\d+)?");

    /**
     * Parses resource text.
     *
     * @throws IllegalArgumentException with a message naming the resource and what is wrong with it
     */
    public static ResourceRequest parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no resources given (expected e.g. 'cpus:0.1;mem:32')");
        }
        Map<String, Long> millis = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("resource '" + entry.strip() + "' is not name:value");
            }
            String name = entry.substring(0, colon).strip();
            long amount = amount(name, entry.substring(colon + 1).strip());
            if (millis.putIfAbsent(name, amount) != null) {
                throw new IllegalArgumentException("resource '" + name + "' is given twice");
            }
        }
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no resources given (expected e.g. 'cpus:0.1;mem:32')");
        }
        return new ResourceRequest(millis);
    }

    private static long amount(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("resource name '" + name + "' is not valid: use letters, digits, "
                    + "'_', '/', '.' and '-' (roles, ranges and sets are not supported here)");
        }
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("resource '" + name + "' must not be negative: " + value);
        }
        if (value.startsWith("[") || value.startsWith("{")) {
            throw new IllegalArgumentException("resource '" + name + "': only scalar values are supported, not "
                    + value);
        }
        if (!SCALAR.matcher(value).matches()) {
            throw new IllegalArgumentException("resource '" + name + "' has value '" + value
                    + "', which is not a number");
        }
        BigDecimal millis = new BigDecimal(value).movePointRight(3).setScale(0, RoundingMode.DOWN);
        if (millis.signum() == 0) {
            throw new IllegalArgumentException("resource '" + name + "' must be at least 0.001: " + value);
        }
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("resource '" + name + "' is too large: " + value);
        }
        return millis.longValueExact();
    }

    /** The picocli converter: parse errors become usage errors (exit 2) carrying the message. */
    @Override
    public ResourceRequest convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
