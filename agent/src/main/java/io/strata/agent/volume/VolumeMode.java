package io.strata.agent.volume;

/** Mesos' {@code Volume.Mode}: read-write or read-only. */
public enum VolumeMode {
    /** Read-write. */
    RW,
    /** Read-only: an image container's bind mount is read-only. */
    RO
}
