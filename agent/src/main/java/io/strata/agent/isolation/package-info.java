/**
 * Resource isolation for task processes: an {@link io.strata.agent.isolation.Isolator} creates one control group per
 * container, writes its limits, lists and kills every process in it, reports usage and OOM kills, and removes it.
 * {@link io.strata.agent.isolation.CgroupsV1Isolator} serves hybrid hosts (v1 memory and cpu for limits, the unified v2
 * tree for tracking and {@code cgroup.kill}), {@link io.strata.agent.isolation.CgroupsV2Isolator} pure cgroup2 hosts,
 * and {@link io.strata.agent.isolation.NoIsolator} tracks a process tree without limits for {@code --isolation=none}.
 * Groups live at {@code <controller root>/strata/<agentName>/<containerId>}, an absolute path from each controller's
 * mount root, so several agents in one process (and tests) never collide. {@link io.strata.agent.isolation.Isolators}
 * picks the implementation for the running kernel or says why none can be used.
 */
package io.strata.agent.isolation;
