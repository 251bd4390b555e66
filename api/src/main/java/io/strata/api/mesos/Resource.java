package io.strata.api.mesos;

/**
 * A resource as {@code mesos.proto} Resource: name, type, one value, and the role it is reserved for
 * ({@code "*"} = unreserved).
 */
public record Resource(String name, Value.Type type, Value.Scalar scalar, Value.Ranges ranges, Value.Set set,
                       String role, Reservation reservation) {

    /** The principal and labels of a dynamic reservation. */
    public record Reservation(String principal, Labels labels) {
    }
}
