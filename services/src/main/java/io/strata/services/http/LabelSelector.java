package io.strata.services.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marathon's {@code label} query selector: comma-separated terms, all of which must hold: {@code key} (exists),
 * {@code key==value}, {@code key!=value}, {@code key in (a, b)}, {@code key notin (a, b)}.
 */
record LabelSelector(List<Term> terms) {
    private static final Pattern SET = Pattern.compile("\\s*([^\\s!=]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");

    /** One term. */
    record Term(String key, String op, List<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (op) {
                case "exists" -> value != null;
                case "==" -> values.get(0).equals(value);
                case "!=" -> !values.get(0).equals(value);
                case "in" -> value != null && values.contains(value);
                case "notin" -> value == null || !values.contains(value);
                default -> false;
            };
        }
    }

    static LabelSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new LabelSelector(terms);
        }
        for (String part : text.split(",(?![^(]*\\))")) {
            Matcher set = SET.matcher(part);
            if (set.matches()) {
                terms.add(new Term(set.group(1), set.group(2),
                        List.of(set.group(3).split("\\s*,\\s*")).stream().map(String::strip).toList()));
            } else if (part.contains("!=")) {
                String[] kv = part.split("!=", 2);
                terms.add(new Term(kv[0].strip(), "!=", List.of(kv[1].strip())));
            } else if (part.contains("==")) {
                String[] kv = part.split("==", 2);
                terms.add(new Term(kv[0].strip(), "==", List.of(kv[1].strip())));
            } else {
                terms.add(new Term(part.strip(), "exists", List.of()));
            }
        }
        return new LabelSelector(terms);
    }

    boolean matches(Map<String, String> labels) {
        return terms.stream().allMatch(t -> t.matches(labels));
    }
}
