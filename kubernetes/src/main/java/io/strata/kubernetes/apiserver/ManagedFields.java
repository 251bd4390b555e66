package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.patch.FieldSets;
import io.strata.kubernetes.resources.ObjectRules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metadata.managedFields}: one entry per manager and operation ({@code Update}, {@code Apply}) with the field
 * set the request wrote, and server-side apply's removal of fields a manager stops applying. Pure.
 */
final class ManagedFields {

    private ManagedFields() {
    }

    /** Replaces {@code manager}'s entry for {@code operation} with the fields of {@code body}, stamped {@code now}. */
    static void record(ObjectNode o, String manager, String operation, JsonNode body, String now) {
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        ArrayNode fields = ObjectRules.array(meta, "managedFields");
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = fields.get(i);
            if (f.path("manager").asText().equals(manager) && f.path("operation").asText().equals(operation)) {
                fields.remove(i);
                break;
            }
        }
        ObjectNode entry = fields.addObject();
        entry.put("manager", manager);
        entry.put("operation", operation);
        entry.put("apiVersion", o.path("apiVersion").asText());
        entry.put("time", now);
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", FieldSets.of(body));
    }

    /** Removes the fields {@code manager} applied last time and no longer applies, unless others own them. */
    static void dropUnapplied(ObjectNode patched, ObjectNode old, String manager, JsonNode applied) {
        JsonNode previous = null;
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode entry : old.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager) && entry.path("operation").asText().equals("Apply")) {
                previous = entry.path("fieldsV1");
            } else {
                others.add(entry.path("fieldsV1"));
            }
        }
        FieldSets.removeDropped(patched, previous, FieldSets.of(applied), others);
    }
}
