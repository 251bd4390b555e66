package io.strata.kubernetes.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes {@code application/vnd.kubernetes.protobuf} bodies: the {@code k8s\0} envelope around a
 * {@code runtime.Unknown} whose raw bytes are the object in generated.proto encoding, converted to the object's
 * JSON form (Time as RFC 3339, IntOrString and Quantity as scalars, bytes as base64).
 */
public final class ProtobufBodies {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtobufBodies() {
    }

    /**
     * Decodes a body to JSON with apiVersion and kind from the envelope.
     *
     * @throws IllegalArgumentException when the bytes are not a Kubernetes protobuf object of a known kind
     */
    public static ObjectNode decode(byte[] body) {
        if (body.length < 4 || !Arrays.equals(Arrays.copyOf(body, 4), MAGIC)) {
            throw new IllegalArgumentException("provided data does not appear to be a protobuf message, expected "
                    + "prefix [107 56 115 0]");
        }
        try {
            Runtime.Unknown unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, 4, body.length));
            String apiVersion = unknown.getTypeMeta().getApiVersion();
            String kind = unknown.getTypeMeta().getKind();
            Descriptor type = ProtoSchema.descriptor(apiVersion, kind).orElseThrow(() ->
                    new IllegalArgumentException("no kind \"" + kind + "\" is registered for version \"" + apiVersion
                            + "\" in the protobuf schema"));
            DynamicMessage message = DynamicMessage.parseFrom(type, unknown.getRaw());
            ObjectNode out = F.objectNode();
            out.put("apiVersion", apiVersion);
            out.put("kind", kind);
            out.setAll(toJson(message));
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("invalid protobuf body: " + e.getMessage(), e);
        }
    }

    private static ObjectNode toJson(Message message) {
        ObjectNode out = F.objectNode();
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            Object value = e.getValue();
            if (f.isMapField()) {
                ObjectNode map = out.putObject(f.getName());
                for (Object entry : (Iterable<?>) value) {
                    Message m = (Message) entry;
                    FieldDescriptor k = m.getDescriptorForType().findFieldByName("key");
                    FieldDescriptor v = m.getDescriptorForType().findFieldByName("value");
                    map.set(String.valueOf(m.getField(k)), scalar(v, m.getField(v)));
                }
            } else if (f.isRepeated()) {
                ArrayNode array = out.putArray(f.getName());
                for (Object item : (Iterable<?>) value) {
                    array.add(scalar(f, item));
                }
            } else {
                JsonNode v = scalar(f, value);
                if (!isZero(f, v)) {
                    out.set(f.getName(), v);
                }
            }
        }
        return out;
    }

    /** Go encodes non-pointer zero values explicitly; JSON omits them (omitempty), so drop them here too. */
    private static boolean isZero(FieldDescriptor f, JsonNode v) {
        if (v == null || v.isNull()) {
            return true;
        }
        if (f.getName().equals("replicas")) {
            return false;
        }
        return (v.isTextual() && v.asText().isEmpty()) || (v.isNumber() && v.asLong() == 0)
                || (v.isBoolean() && !v.asBoolean());
    }

    private static JsonNode scalar(FieldDescriptor f, Object value) {
        return switch (f.getJavaType()) {
            case MESSAGE -> message((Message) value);
            case STRING -> F.textNode((String) value);
            case BYTE_STRING -> F.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> F.booleanNode((Boolean) value);
            case INT -> F.numberNode((Integer) value);
            case LONG -> F.numberNode((Long) value);
            case DOUBLE -> F.numberNode((Double) value);
            case FLOAT -> F.numberNode((Float) value);
            case ENUM -> F.textNode(value.toString());
        };
    }

    private static JsonNode message(Message m) {
        Descriptor t = m.getDescriptorForType();
        switch (t.getFullName()) {
            case ProtoSchema.TIME, ProtoSchema.MICRO_TIME -> {
                long seconds = (Long) m.getField(t.findFieldByName("seconds"));
                return seconds == 0 ? F.nullNode() : F.textNode(Instant.ofEpochSecond(seconds).toString());
            }
            case ProtoSchema.INT_OR_STRING -> {
                long type = ((Number) m.getField(t.findFieldByName("type"))).longValue();
                return type == 0 ? F.numberNode((Integer) m.getField(t.findFieldByName("intVal")))
                        : F.textNode((String) m.getField(t.findFieldByName("strVal")));
            }
            case ProtoSchema.QUANTITY -> {
                return F.textNode((String) m.getField(t.findFieldByName("string")));
            }
            case ProtoSchema.DURATION -> {
                return F.textNode(String.valueOf(m.getField(t.findFieldByName("duration"))));
            }
            case ProtoSchema.RAW_EXTENSION, ProtoSchema.FIELDS_V1 -> {
                FieldDescriptor raw = t.findFieldByName(t.getFullName().equals(ProtoSchema.FIELDS_V1) ? "Raw" : "raw");
                try {
                    return raw == null ? F.objectNode() : JSON.readTree(((ByteString) m.getField(raw)).toByteArray());
                } catch (IOException e) {
                    return F.nullNode();
                }
            }
            default -> {
                return toJson(m);
            }
        }
    }
}
