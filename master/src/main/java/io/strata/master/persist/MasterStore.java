package io.strata.master.persist;

import io.strata.master.registry.TaskKey;
import java.util.List;

/**
 * The master's durable state: one record per framework, agent and non-terminal task. Writes are
 * fire-and-forget from the loop's point of view (pipelined; a failure is logged and, when the store reports
 * that this master was fenced off, leadership is given up).
 */
public interface MasterStore {
    void saveFramework(String frameworkId, byte[] record);

    void removeFramework(String frameworkId);

    void saveAgent(String agentId, byte[] record);

    void removeAgent(String agentId);

    /**
     * Stores a task record. The returned future completes (on a store thread, never the loop) once the record is
     * durable, or exceptionally when it could not be stored; the master sends a task to its agent only after
     * that, so a task never runs without a record a new leader would recover.
     */
    java.util.concurrent.CompletableFuture<Void> saveTask(TaskKey key, byte[] record);

    void removeTask(TaskKey key);

    /**
     * Runs {@code work} (on the master loop) and lets the store send the task saves it issues together, once it
     * returns; each save is still issued before the work's result is used, and each save's future completes with the
     * write that carried it. Without batching it just runs work.
     */
    default <T> T batched(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** Waits up to timeout for writes still in flight (before a graceful shutdown); never throws. */
    default void flush(java.time.Duration timeout) {
    }

    /** Everything stored, read by a new leader before it serves. */
    Snapshot load();

    /** The stored records. */
    record Snapshot(List<byte[]> frameworks, List<byte[]> agents, List<byte[]> tasks) {
    }
}
