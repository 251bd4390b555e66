package io.strata.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The data of one znode together with its ZooKeeper data version, the token for the next compare-and-set write.
 *
 * <p>The array is copied on the way in and on the way out, so a {@code Versioned} is immutable.
 *
 * @param data the znode's bytes, possibly empty, never null
 * @param version the znode's data version: 0 after creation, plus one per update
 */
public record Versioned(byte[] data, int version) {

    /** Validates the version and copies the data. */
    public Versioned {
        Objects.requireNonNull(data, "data");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        data = data.clone();
    }

    /** Returns a copy of the znode's bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Versioned that && version == that.version && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + version;
    }

    @Override
    public String toString() {
        return "Versioned[" + data.length + " bytes, version " + version + "]";
    }
}
