package io.strata.packages.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An expected failure of a package operation; the HTTP edge sends it as Cosmos' error JSON
 * {@code {"type": ..., "message": ..., "data": ...}} with {@link ErrorType#status()}.
 */
public final class PackageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorType type;
    private final transient JsonNode data;

    /** An error of {@code type} with a user-facing message and optional structured data (null: none). */
    public PackageException(ErrorType type, String message, JsonNode data) {
        super(message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.data = data;
    }

    /** An error without data. */
    public PackageException(ErrorType type, String message) {
        this(type, message, null);
    }

    /** An error whose data is the single field {@code key: value}. */
    public static PackageException withField(ErrorType type, String message, String key, String value) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(key, value);
        return new PackageException(type, message, data);
    }

    /** The Cosmos error type. */
    public ErrorType type() {
        return type;
    }

    /** The structured data, or null. */
    public JsonNode data() {
        return data;
    }

    /** The error JSON Cosmos sent. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type.name());
        json.put("message", getMessage());
        if (data != null) {
            json.set("data", data);
        }
        return json;
    }
}
