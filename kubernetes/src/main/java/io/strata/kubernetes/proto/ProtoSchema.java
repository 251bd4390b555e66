package io.strata.kubernetes.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the protobuf message descriptor of a kind ({@code apps/v1} {@code Deployment}). */
public final class ProtoSchema {

    private static final Map<String, String> OUTER_CLASS = Map.of(
            "v1", "V1", "apps/v1", "V1Apps", "batch/v1", "V1Batch", "autoscaling/v1", "V1Autoscaling");
    private static final Map<String, Optional<Descriptor>> CACHE = new ConcurrentHashMap<>();

    /** Full names of the wrapper types whose JSON form is a scalar or free-form. */
    static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    static final String DURATION = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";

    private ProtoSchema() {
    }

    /** The descriptor of a kind, or empty when the schema has none (then no strict check is possible). */
    public static Optional<Descriptor> descriptor(String apiVersion, String kind) {
        return CACHE.computeIfAbsent(apiVersion + "/" + kind, k -> load(apiVersion, kind));
    }

    private static Optional<Descriptor> load(String apiVersion, String kind) {
        String outer = OUTER_CLASS.get(apiVersion);
        if (outer == null) {
            return Optional.empty();
        }
        try {
            Class<?> c = Class.forName("io.kubernetes.client.proto." + outer + "$" + kind);
            return Optional.of((Descriptor) c.getMethod("getDescriptor").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether the message type is one whose JSON form is not an object of its proto fields. */
    static boolean isOpaque(Descriptor type) {
        return switch (type.getFullName()) {
            case TIME, MICRO_TIME, INT_OR_STRING, QUANTITY, RAW_EXTENSION, FIELDS_V1, DURATION -> true;
            default -> false;
        };
    }

    /** Go's name of a scalar field type, for type-mismatch messages. */
    static String goType(FieldDescriptor f) {
        return switch (f.getType()) {
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            case STRING -> "string";
            case BYTES -> "[]uint8";
            case DOUBLE -> "float64";
            case FLOAT -> "float32";
            default -> f.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
