package io.strata.agent.status;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskStatus;

/**
 * Where status updates go (the master channel); returns whether the update was handed over. Must not wait for
 * the network: it is called while the update is being checkpointed (see {@link StatusUpdateManager#update}).
 */
@FunctionalInterface
public interface UpdateSink {
    boolean send(FrameworkId frameworkId, TaskStatus status);
}
