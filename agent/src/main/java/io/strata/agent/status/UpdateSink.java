package io.strata.agent.status;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskStatus;

/** Where status updates go (the master channel); returns whether the update was handed over. */
@FunctionalInterface
public interface UpdateSink {
    boolean send(FrameworkId frameworkId, TaskStatus status);
}
