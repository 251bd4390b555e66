package io.strata.kubernetes.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON object against its kind's schema as upstream's strict decoder does: lists every unknown field
 * ({@code unknown field "spec.foo"}) and reports the first value of the wrong JSON type in encoding/json's words.
 */
public final class StrictChecker {

    /** The outcome: a type error (fatal in every validation mode), and unknown fields. */
    public record Result(String typeError, List<String> unknownFields) {

        /** Copies the list. */
        public Result {
            unknownFields = List.copyOf(unknownFields);
        }
    }

    private StrictChecker() {
    }

    /** Checks {@code object} against {@code type}; {@code apiVersion} and {@code kind} are always allowed. */
    public static Result check(JsonNode object, Descriptor type) {
        List<String> unknown = new ArrayList<>();
        String[] typeError = new String[1];
        walk(object, type, "", unknown, typeError, true);
        return new Result(typeError[0], unknown);
    }

    private static void walk(JsonNode node, Descriptor type, String path, List<String> unknown, String[] typeError,
            boolean top) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = e.getKey();
            String fieldPath = path.isEmpty() ? field : path + "." + field;
            if (top && (field.equals("apiVersion") || field.equals("kind"))) {
                continue;
            }
            FieldDescriptor f = find(type, field);
            if (f == null) {
                unknown.add("unknown field \"" + fieldPath + "\"");
                continue;
            }
            JsonNode value = e.getValue();
            if (value.isNull()) {
                continue;
            }
            if (f.isMapField()) {
                if (!value.isObject()) {
                    mismatch(value, type, fieldPath, "map[string]string", typeError);
                    continue;
                }
                FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
                value.properties().forEach(m -> checkValue(m.getValue(), valueField, type,
                        fieldPath + "." + m.getKey(), unknown, typeError));
            } else if (f.isRepeated()) {
                if (!value.isArray()) {
                    mismatch(value, type, fieldPath, "[]" + elementName(f), typeError);
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), f, type, fieldPath + "[" + i + "]", unknown, typeError);
                }
            } else {
                checkValue(value, f, type, fieldPath, unknown, typeError);
            }
        }
    }

    /**
     * The field named {@code name}, also inside the messages Go embeds inline (their JSON fields sit in the parent:
     * Probe's ProbeHandler, Volume's VolumeSource, PersistentVolume's PersistentVolumeSource); the embedding field's
     * own name is not a JSON field.
     */
    private static FieldDescriptor find(Descriptor type, String name) {
        if (INLINE.contains(name)) {
            return null;
        }
        FieldDescriptor f = type.findFieldByName(name);
        if (f != null) {
            return f;
        }
        for (String inline : INLINE) {
            FieldDescriptor embedded = type.findFieldByName(inline);
            if (embedded != null && embedded.getType() == FieldDescriptor.Type.MESSAGE) {
                FieldDescriptor inner = embedded.getMessageType().findFieldByName(name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static final List<String> INLINE = List.of("handler", "volumeSource", "persistentVolumeSource",
            "localObjectReference");

    private static String elementName(FieldDescriptor f) {
        return f.getType() == FieldDescriptor.Type.MESSAGE ? "v1." + f.getMessageType().getName() : ProtoSchema.goType(f);
    }

    private static void checkValue(JsonNode value, FieldDescriptor f, Descriptor owner, String path,
            List<String> unknown, String[] typeError) {
        if (value.isNull()) {
            return;
        }
        switch (f.getType()) {
            case MESSAGE -> {
                Descriptor t = f.getMessageType();
                if (ProtoSchema.isOpaque(t)) {
                    return;
                }
                if (!value.isObject()) {
                    mismatch(value, owner, path, "v1." + t.getName(), typeError);
                    return;
                }
                walk(value, t, path, unknown, typeError, false);
            }
            case STRING, BYTES -> {
                if (!value.isTextual()) {
                    mismatch(value, owner, path, ProtoSchema.goType(f), typeError);
                }
            }
            case BOOL -> {
                if (!value.isBoolean()) {
                    mismatch(value, owner, path, "bool", typeError);
                }
            }
            case INT32, INT64, UINT32, UINT64, SINT32, SINT64, FIXED32, FIXED64 -> {
                if (!value.isIntegralNumber()) {
                    mismatch(value, owner, path, ProtoSchema.goType(f), typeError);
                }
            }
            case DOUBLE, FLOAT -> {
                if (!value.isNumber()) {
                    mismatch(value, owner, path, ProtoSchema.goType(f), typeError);
                }
            }
            default -> { }
        }
    }

    private static void mismatch(JsonNode value, Descriptor owner, String path, String goType, String[] typeError) {
        if (typeError[0] != null) {
            return;
        }
        String jsonType = value.isTextual() ? "string" : value.isBoolean() ? "bool" : value.isNumber() ? "number"
                : value.isArray() ? "array" : "object";
        typeError[0] = "json: cannot unmarshal " + jsonType + " into Go struct field " + owner.getName() + "." + path
                + " of type " + goType;
    }
}
