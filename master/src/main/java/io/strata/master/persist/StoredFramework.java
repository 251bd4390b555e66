package io.strata.master.persist;

import io.strata.api.mesos.FrameworkInfo;

/** The stored record of a framework. */
public record StoredFramework(FrameworkInfo frameworkInfo, double registeredTime) {
}
