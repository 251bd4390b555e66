package io.strata.agent;

import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;

/**
 * The checkpoint of a launched task ({@code task.info} in its meta directory). A task-group task also records its
 * group: the executor, the group's container id and the executor's run sandbox (null for a command task).
 */
record TaskRecord(FrameworkInfo frameworkInfo, TaskInfo task, String containerId, String sandbox,
                  Offer.ExecutorInfo executor, String groupContainerId, String groupSandbox) {

    /** A command task's record. */
    TaskRecord(FrameworkInfo frameworkInfo, TaskInfo task, String containerId, String sandbox) {
        this(frameworkInfo, task, containerId, sandbox, null, null, null);
    }
}
