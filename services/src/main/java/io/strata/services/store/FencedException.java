package io.strata.services.store;

import io.strata.store.leader.Epoch;

/** A write of a deposed leader: a newer leadership epoch exists, so the write was refused and changed nothing. */
public final class FencedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The write fenced by {@code epoch} was refused. */
    public FencedException(Epoch epoch) {
        super("ZooKeeper write refused: epoch " + epoch.value() + " is no longer the current leadership epoch");
    }
}
