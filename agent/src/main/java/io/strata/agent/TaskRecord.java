package io.strata.agent;

import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskInfo;

/** The checkpoint of a launched task ({@code task.info} in its meta directory). */
record TaskRecord(FrameworkInfo frameworkInfo, TaskInfo task, String containerId, String sandbox) {
}
