package io.strata.services.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation problems collected by JSON path, rendered as Marathon's {@code details} list. Not thread-safe. */
public final class Violations {
    private final Map<String, List<String>> byPath = new LinkedHashMap<>();
    private boolean typeErrors;

    /** Records a semantic problem at {@code path} (e.g. {@code /cpus}). */
    public void add(String path, String error) {
        byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(error);
    }

    /** Records a JSON type problem ({@code error.expected.jsnumber}) at {@code path}. */
    public void typeError(String path, String error) {
        typeErrors = true;
        add(path, error);
    }

    /**
     * Records every detail of {@code failure} (a 422 of a nested reader, e.g. one app of a group) under
     * {@code prefix}: {@code /cpus} becomes {@code /apps(0)/cpus}; a type error stays a type error.
     */
    public void nest(String prefix, MarathonException failure) {
        Object details = failure.body().get("details");
        if (!(details instanceof List<?> list) || list.isEmpty()) {
            add(prefix, String.valueOf(failure.body().get("message")));
            return;
        }
        typeErrors |= "Invalid JSON".equals(failure.body().get("message"));
        for (Object item : list) {
            Map<?, ?> detail = (Map<?, ?>) item;
            String path = String.valueOf(detail.get("path"));
            for (Object error : (List<?>) detail.get("errors")) {
                add(path.equals("/") ? prefix : prefix + path, String.valueOf(error));
            }
        }
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** Marathon's {@code details}: {@code [{"path": ..., "errors": [...]}]}. */
    public List<Map<String, Object>> details() {
        List<Map<String, Object>> out = new ArrayList<>();
        byPath.forEach((path, errors) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", path);
            entry.put("errors", List.copyOf(errors));
            out.add(entry);
        });
        return out;
    }

    /** Throws Marathon's 422 if anything was recorded: "Invalid JSON" for type errors, else "Object is not valid". */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw MarathonException.invalid(422, typeErrors ? "Invalid JSON" : "Object is not valid", this);
        }
    }
}
