package io.strata.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON mappers of Strata's public APIs.
 *
 * <p>{@link #mesos()} speaks the Mesos v1 JSON mapping (snake_case field names, enum names as strings,
 * absent fields omitted). {@link #camel()} is for APIs with camelCase fields (Marathon, Chronos). Both
 * ignore unknown fields so that newer clients keep working, and both are thread-safe.
 */
public final class Json {
    private static final ObjectMapper MESOS = base()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final ObjectMapper CAMEL = base().build();

    private Json() {
    }

    private static JsonMapper.Builder base() {
        // A shared buffer pool instead of Jackson's per-thread one: thousands of long-lived virtual threads
        // (one per event stream) would otherwise each pin their own buffers.
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedLockFreePool()).build();
        return JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // unknown enum names (call types, capabilities) read as null; validators report them by field
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The snake_case mapper of the Mesos v1 APIs. */
    public static ObjectMapper mesos() {
        return MESOS;
    }

    /** The camelCase mapper of the Marathon- and Chronos-style APIs. */
    public static ObjectMapper camel() {
        return CAMEL;
    }

    /** Serializes with the Mesos mapper; serialization of API records cannot fail, so errors are unchecked. */
    public static byte[] toBytes(Object value) {
        try {
            return MESOS.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serializes with the Mesos mapper to a string. */
    public static String toString(Object value) {
        try {
            return MESOS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses with the Mesos mapper.
     *
     * @throws BadJsonException naming the field and the reason when the input is malformed
     */
    public static <T> T parse(byte[] body, Class<T> type) {
        try {
            return MESOS.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw BadJsonException.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
