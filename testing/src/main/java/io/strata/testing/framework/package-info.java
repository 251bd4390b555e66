/**
 * A small real framework for tests: {@link io.strata.testing.framework.TestFramework} subscribes over the master's
 * v1 scheduler API through {@code SchedulerClient}, launches queued shell commands on the next offers (optionally
 * with a host port and DiscoveryInfo), acknowledges every update, and records when each task reached each state,
 * so tests of components that watch the cluster (DNS, the dashboard, the router) have real tasks to watch.
 */
package io.strata.testing.framework;
