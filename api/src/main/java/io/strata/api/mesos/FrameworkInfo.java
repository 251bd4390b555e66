package io.strata.api.mesos;

import java.util.List;

/** A framework's description as sent in SUBSCRIBE. {@code failover_timeout} is in seconds. */
public record FrameworkInfo(String user, String name, FrameworkId id, Double failoverTimeout, Boolean checkpoint,
                            String role, String hostname, String principal, String webuiUrl,
                            List<Capability> capabilities, Labels labels) {

    /** A framework capability. */
    public record Capability(Type type) {
        /** Capability types; unknown names read as {@code UNKNOWN}. */
        public enum Type {
            UNKNOWN, REVOCABLE_RESOURCES, TASK_KILLING_STATE, GPU_RESOURCES, SHARED_RESOURCES,
            PARTITION_AWARE, MULTI_ROLE, RESERVATION_REFINEMENT, REGION_AWARE
        }
    }

    /** Whether the framework declared a capability. */
    public boolean hasCapability(Capability.Type type) {
        return capabilities != null && capabilities.stream().anyMatch(c -> c != null && c.type() == type);
    }

    /** The same info with another id. */
    public FrameworkInfo withId(FrameworkId newId) {
        return new FrameworkInfo(user, name, newId, failoverTimeout, checkpoint, role, hostname, principal,
                webuiUrl, capabilities, labels);
    }
}
