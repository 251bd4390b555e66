package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.isolation.ResourceLimits;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import org.junit.jupiter.api.Test;

/** The group's limits: the executor's resources plus every task's. */
class TaskGroupsTest {

    @Test
    void limits_executorAndTasks_areSummed() {
        // executor cpus:0.1;mem:32 + tasks cpus:0.5;mem:64 and cpus:0.2;mem:32
        ResourceLimits limits = TaskGroups.limits(ResourceParser.parse("cpus:0.8;mem:128", Resource.UNRESERVED));

        assertThat(limits.cpus()).isEqualTo(0.8);
        assertThat(limits.memBytes()).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void limits_memOnlyGroup_getsTheSmallestCpuShare() {
        ResourceLimits limits = TaskGroups.limits(ResourceParser.parse("mem:64", Resource.UNRESERVED));

        assertThat(limits.cpus()).isEqualTo(0.01);
        assertThat(limits.memBytes()).isEqualTo(64L * 1024 * 1024);
    }
}
