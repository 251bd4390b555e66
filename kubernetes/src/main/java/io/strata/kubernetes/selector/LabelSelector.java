package io.strata.kubernetes.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A parsed label selector: every requirement must hold for a label set to match. */
public record LabelSelector(List<Requirement> requirements) {

    /** The operators upstream supports. */
    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    /** One requirement: key, operator and values (empty for the existence operators). */
    public record Requirement(String key, Operator operator, Set<String> values) {

        /** Copies the values. */
        public Requirement {
            values = Set.copyOf(values);
        }

        /** Whether the labels satisfy this requirement. */
        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
                case GREATER_THAN -> v != null && compare(v) > 0;
                case LESS_THAN -> v != null && compare(v) < 0;
            };
        }

        private int compare(String v) {
            try {
                return Long.compare(Long.parseLong(v), Long.parseLong(values.iterator().next()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Copies the list. */
    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** The selector that matches everything. */
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** Whether the labels match every requirement. */
    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an object's {@code metadata.labels} match. */
    public boolean matches(JsonNode object) {
        return matches(labels(object));
    }

    /** An object's labels as a map. */
    public static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new TreeMap<>();
        JsonNode l = object.path("metadata").path("labels");
        l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Parses upstream's string syntax; an empty string selects everything. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> out = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            out.add(requirement(part.trim(), text));
        }
        return new LabelSelector(out);
    }

    /** Converts a {@code LabelSelector} object (matchLabels, matchExpressions) of a spec. */
    public static LabelSelector fromObject(JsonNode selector) {
        List<Requirement> out = new ArrayList<>();
        selector.path("matchLabels").properties().forEach(e ->
                out.add(new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue().asText()))));
        for (JsonNode expr : selector.path("matchExpressions")) {
            Set<String> values = new java.util.HashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            Operator op = switch (expr.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new SelectorException("\"" + expr.path("operator").asText()
                        + "\" is not a valid label selector operator");
            };
            out.add(new Requirement(expr.path("key").asText(), op, values));
        }
        return new LabelSelector(out);
    }

    /** The selector in upstream's string form: {@code app=web,tier in (a,b)}. */
    public static String format(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(toMap(selector.path("matchLabels"))).forEach((k, v) -> parts.add(k + "=" + v));
        for (JsonNode expr : selector.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            values.sort(null);
            String key = expr.path("key").asText();
            switch (expr.path("operator").asText()) {
                case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> parts.add(key);
                case "DoesNotExist" -> parts.add("!" + key);
                default -> { }
            }
        }
        return String.join(",", parts);
    }

    private static Map<String, String> toMap(JsonNode node) {
        Map<String, String> m = new TreeMap<>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Requirement requirement(String part, String whole) {
        if (part.isEmpty()) {
            throw new SelectorException("unable to parse requirement: found '', expected: identifier");
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1).trim()), Operator.DOES_NOT_EXIST, Set.of());
        }
        String[] setOps = {" notin ", " in "};
        for (String op : setOps) {
            int i = part.indexOf(op);
            if (i > 0) {
                String rest = part.substring(i + op.length()).trim();
                if (!rest.startsWith("(") || !rest.endsWith(")")) {
                    throw new SelectorException("unable to parse requirement: found '" + rest + "', expected: '('");
                }
                Set<String> values = new java.util.HashSet<>();
                for (String v : rest.substring(1, rest.length() - 1).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.trim());
                    }
                }
                return new Requirement(key(part.substring(0, i).trim()),
                        op.equals(" in ") ? Operator.IN : Operator.NOT_IN, values);
            }
        }
        String[][] ops = {{"!=", "NOT_EQUALS"}, {"==", "EQUALS"}, {"=", "EQUALS"}, {">", "GREATER_THAN"},
                {"<", "LESS_THAN"}};
        for (String[] op : ops) {
            int i = part.indexOf(op[0]);
            if (i > 0) {
                return new Requirement(key(part.substring(0, i).trim()), Operator.valueOf(op[1]),
                        Set.of(part.substring(i + op[0].length()).trim()));
            }
        }
        if (part.matches("[A-Za-z0-9./_-]+")) {
            return new Requirement(key(part), Operator.EXISTS, Set.of());
        }
        throw new SelectorException("unable to parse requirement: <nil>: Invalid value: \"" + whole
                + "\": invalid label selector");
    }

    private static String key(String key) {
        if (!key.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw new SelectorException("unable to parse requirement: <nil>: Invalid value: \"" + key
                    + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                    + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
                    + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        }
        return key;
    }
}
