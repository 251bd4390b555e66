package io.strata.core.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses and formats the Mesos agent text form of resources:
 * {@code cpus:24;gpus:2;mem:24576;disk:409600;ports:[21000-24000,30000-34000];bugs(debug_role):{a,b,c}}.
 *
 * <p>Each {@code ;}-separated entry is {@code name(role):value}; without {@code (role)} the default role applies.
 * A value in brackets is a range list, in braces a set, anything else a scalar. Entries with the same name and
 * role add up ({@code cpus:1;cpus:2} is {@code cpus:3}). Every problem throws {@link InvalidResourcesException}
 * naming the entry, e.g. {@code resource 'cpus': value -1 is negative}.
 */
public final class ResourceParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./-]+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ResourceParser() {
    }

    /**
     * Parses {@code text}; a blank text is the empty bag.
     *
     * @param text the text form
     * @param defaultRole the role of entries without {@code (role)}, usually {@code *}
     * @throws InvalidResourcesException on the first invalid entry
     */
    public static Resources parse(String text, String defaultRole) {
        Resource.validateRole(defaultRole);
        if (text == null || text.isBlank()) {
            return Resources.EMPTY;
        }
        List<Resource> resources = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (!entry.isBlank()) {
                resources.add(parseEntry(entry.trim(), defaultRole));
            }
        }
        return Resources.of(resources);
    }

    private static Resource parseEntry(String entry, String defaultRole) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new InvalidResourcesException(entry, "expected name:value");
        }
        String key = entry.substring(0, colon).trim();
        String valueText = entry.substring(colon + 1).trim();
        String name = key;
        String role = defaultRole;
        int open = key.indexOf('(');
        if (open >= 0) {
            if (!key.endsWith(")")) {
                throw new InvalidResourcesException(key, "role must be written name(role)");
            }
            name = key.substring(0, open).trim();
            role = key.substring(open + 1, key.length() - 1).trim();
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidResourcesException(name, "name must match [A-Za-z0-9_./-]+");
        }
        if (valueText.isEmpty()) {
            throw new InvalidResourcesException(name, "value is missing");
        }
        return new Resource(name, role, parseValue(name, valueText));
    }

    private static Value parseValue(String name, String text) {
        if (text.startsWith("[")) {
            return parseRanges(name, text);
        }
        if (text.startsWith("{")) {
            return parseSet(name, text);
        }
        return parseScalar(name, text);
    }

    static Scalar parseScalar(String name, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidResourcesException(name, "value '" + text + "' is not a number");
        }
        if (text.startsWith("-") && !Scalar.parse(text).isEmpty()) {
            throw new InvalidResourcesException(name, "value " + text + " is negative");
        }
        try {
            return Scalar.parse(text);
        } catch (ArithmeticException tooLarge) {
            throw new InvalidResourcesException(name, "value " + text + " is too large");
        }
    }

    /** Parses {@code [a-b,c-d]}; a single value {@code [a]} is also accepted as {@code [a-a]}. */
    static Ranges parseRanges(String name, String text) {
        if (!text.endsWith("]")) {
            throw new InvalidResourcesException(name, "ranges '" + text + "' must end with ']'");
        }
        String body = text.substring(1, text.length() - 1).trim();
        List<Range> ranges = new ArrayList<>();
        if (body.isEmpty()) {
            return Ranges.EMPTY;
        }
        for (String part : body.split(",")) {
            ranges.add(parseRange(name, part.trim()));
        }
        return new Ranges(ranges);
    }

    private static Range parseRange(String name, String part) {
        int dash = part.indexOf('-', 1);
        String begin = dash < 0 ? part : part.substring(0, dash).trim();
        String end = dash < 0 ? part : part.substring(dash + 1).trim();
        try {
            return new Range(Long.parseLong(begin), Long.parseLong(end));
        } catch (NumberFormatException notANumber) {
            throw new InvalidResourcesException(name, "range '" + part + "' is not begin-end");
        } catch (IllegalArgumentException badBounds) {
            throw new InvalidResourcesException(name, badBounds.getMessage());
        }
    }

    private static ValueSet parseSet(String name, String text) {
        if (!text.endsWith("}")) {
            throw new InvalidResourcesException(name, "set '" + text + "' must end with '}'");
        }
        String body = text.substring(1, text.length() - 1).trim();
        List<String> items = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String item : body.split(",")) {
                if (item.isBlank()) {
                    throw new InvalidResourcesException(name, "set '" + text + "' has an empty item");
                }
                items.add(item.trim());
            }
        }
        return ValueSet.of(items);
    }

    /**
     * Formats {@code resources} in the text form, sorted by name then role, with {@code (role)} only for reserved
     * entries: {@code cpus:2;cpus(ads):1;ports:[31000-32000]}. {@code parse(format(r), "*")} equals {@code r}.
     */
    public static String format(Resources resources) {
        StringBuilder text = new StringBuilder();
        for (Resource resource : resources) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(resource);
        }
        return text.toString();
    }
}
