package io.strata.core.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the Mesos agent attribute text form {@code rack:r1;zone:a;level:10;keys:[1000-1500]}.
 *
 * <p>A value that is a decimal number ({@code int(.int)?}) is a {@link Scalar}, one in brackets is {@link Ranges},
 * anything else is {@link Text} and must match {@code [a-zA-Z0-9_/.-]+}. Problems throw
 * {@link InvalidResourcesException} with kind {@code attribute}.
 */
public final class AttributeParser {

    private static final Pattern SCALAR = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern TEXT = Pattern.compile("[a-zA-Z0-9_/.-]+");

    private AttributeParser() {
    }

    /** Parses {@code text}; blank text gives {@link Attributes#EMPTY}. */
    public static Attributes parse(String text) {
        if (text == null || text.isBlank()) {
            return Attributes.EMPTY;
        }
        List<Attribute> attributes = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (!entry.isBlank()) {
                attributes.add(parseEntry(entry.trim()));
            }
        }
        return Attributes.of(attributes);
    }

    private static Attribute parseEntry(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw InvalidResourcesException.forAttribute(entry, "expected name:value");
        }
        String name = entry.substring(0, colon).trim();
        String valueText = entry.substring(colon + 1).trim();
        if (!TEXT.matcher(name).matches()) {
            throw InvalidResourcesException.forAttribute(name, "name must match [a-zA-Z0-9_/.-]+");
        }
        return new Attribute(name, parseValue(name, valueText));
    }

    /** Parses one attribute value with the rules of this class. */
    public static Value parseValue(String name, String valueText) {
        if (SCALAR.matcher(valueText).matches()) {
            return Scalar.parse(valueText);
        }
        if (valueText.startsWith("[")) {
            try {
                return ResourceParser.parseRanges(name, valueText);
            } catch (InvalidResourcesException invalid) {
                throw InvalidResourcesException.forAttribute(name, invalid.reason());
            }
        }
        if (!TEXT.matcher(valueText).matches()) {
            throw InvalidResourcesException.forAttribute(name, "value '" + valueText + "' must match [a-zA-Z0-9_/.-]+");
        }
        return new Text(valueText);
    }
}
