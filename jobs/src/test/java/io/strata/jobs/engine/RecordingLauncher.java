package io.strata.jobs.engine;

import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.RunRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A task launcher for engine tests that records what the engine hands on, and withdraws from that record. */
final class RecordingLauncher implements TaskLauncher {
    final List<RunRecord> launched = new CopyOnWriteArrayList<>();

    @Override
    public void launch(JobSpec spec, RunRecord run) {
        launched.add(run);
    }

    @Override
    public boolean withdraw(String taskId) {
        return launched.removeIf(r -> r.taskId().equals(taskId));
    }

    @Override
    public void kill(String taskId, String agentId) {
    }
}
