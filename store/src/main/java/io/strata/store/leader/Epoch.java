package io.strata.store.leader;

/**
 * One term of leadership: the value of the {@code <base>/epoch} znode that a leader wrote when it was elected,
 * and that znode's data version, which fenced store writes check.
 *
 * <p>Epochs grow by one per election across the whole cluster history (1 for the first leader ever). A leader
 * holding epoch {@code n} is deposed as soon as another contender writes {@code n + 1}; from then on, every
 * write of a store bound to epoch {@code n} fails with {@code FENCED}.
 *
 * @param value the epoch number, at least 1
 * @param zkVersion the data version of {@code <base>/epoch} right after this epoch was written, at least 0
 */
public record Epoch(long value, int zkVersion) {

    /** The name of the znode, directly below the base path, that holds the current epoch in decimal. */
    public static final String ZNODE_NAME = "epoch";

    /** Validates that both numbers are in range. */
    public Epoch {
        if (value < 1) {
            throw new IllegalArgumentException("epoch value must be >= 1, was " + value);
        }
        if (zkVersion < 0) {
            throw new IllegalArgumentException("epoch zkVersion must be >= 0, was " + zkVersion);
        }
    }
}
