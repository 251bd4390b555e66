package io.strata.kubernetes.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed field selector ({@code metadata.name=x,status.phase!=Running}): dotted paths into the object compared as
 * text, a missing field reading as {@code ""}.
 */
public record FieldSelector(List<Term> terms) {

    /** One term: a field path, equality or inequality, and a value. */
    public record Term(String field, boolean equals, String value) {
    }

    /** Copies the terms. */
    public FieldSelector {
        terms = List.copyOf(terms);
    }

    /** Parses {@code a=b}, {@code a==b} and {@code a!=b} terms joined by commas; empty selects everything. */
    public static FieldSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                int ne = part.indexOf("!=");
                int eq = part.indexOf('=');
                if (ne > 0) {
                    terms.add(new Term(part.substring(0, ne).trim(), false, part.substring(ne + 2).trim()));
                } else if (eq > 0) {
                    int skip = part.startsWith("==", eq) ? 2 : 1;
                    terms.add(new Term(part.substring(0, eq).trim(), true, part.substring(eq + skip).trim()));
                } else {
                    throw new SelectorException("invalid selector: '" + text + "'; can't understand '" + part + "'");
                }
            }
        }
        return new FieldSelector(terms);
    }

    /** Whether the object satisfies every term. */
    public boolean matches(JsonNode object) {
        for (Term t : terms) {
            JsonNode node = object;
            for (String segment : t.field().split("\\.")) {
                node = node.path(segment);
            }
            String actual = node.isValueNode() ? node.asText() : "";
            if (actual.equals(t.value()) != t.equals()) {
                return false;
            }
        }
        return true;
    }

    /** The value a term requires for {@code field} with {@code =}, or null. */
    public String required(String field) {
        for (Term t : terms) {
            if (t.equals() && t.field().equals(field)) {
                return t.value();
            }
        }
        return null;
    }
}
