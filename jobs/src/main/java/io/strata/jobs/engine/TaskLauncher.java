package io.strata.jobs.engine;

import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.RunRecord;

/**
 * Where the engine sends runs: an implementation finds resources for them and starts them as tasks, and
 * reports back through {@link JobEngine#markLaunched} and {@link JobEngine#onStatus}.
 *
 * <p>Methods may be called from any thread and must not block on the network.
 */
public interface TaskLauncher {
    /** Queues an attempt (already persisted as QUEUED) for launch. */
    void launch(JobSpec spec, RunRecord run);

    /** Drops a queued attempt that was not launched yet; returns whether it was still queued. */
    boolean withdraw(String taskId);

    /** Asks for a launched task to be killed. */
    void kill(String taskId, String agentId);
}
