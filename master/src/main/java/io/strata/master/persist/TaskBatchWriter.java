package io.strata.master.persist;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Creates several new records in one fenced, all-or-nothing write. A stand-in inside the master until the
 * store module offers batched creates itself.
 */
public interface TaskBatchWriter {
    /** Creates every path (relative to the store's base) with its data, or none of them; fails on any error. */
    CompletableFuture<Void> createAll(Map<String, byte[]> records);
}
