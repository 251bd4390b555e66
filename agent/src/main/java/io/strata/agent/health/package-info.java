/**
 * Task health checks run by the agent against the host network (127.0.0.1): a shell command in the task's sandbox
 * and environment, an HTTP(S) GET, or a TCP connect. {@link io.strata.agent.health.HealthState} is the pure state
 * machine of Mesos semantics (failures during the grace period are ignored until the task is first healthy,
 * consecutive failures are counted, a kill is requested once when they reach the limit) with the time passed in;
 * {@link io.strata.agent.health.HealthChecker} schedules the probes and reports only changes to a
 * {@link io.strata.agent.health.HealthListener}. General checks (Mesos {@code TaskInfo.check}) run on the same probes:
 * {@link io.strata.agent.health.Checker} reports raw results (exit code, HTTP status, TCP connect) through the pure
 * {@link io.strata.agent.health.CheckState}, which applies optional consecutive-result thresholds, and never kills.
 */
package io.strata.agent.health;
