package io.strata.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupMembershipTest {
    private static final String MOUNTINFO = """
            30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
            34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
            40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    @Test
    void procsFilesToJoin_hybridHost_joinsOnlyTheHierarchiesThatDiffer() {
        String task = "9:name=systemd:/\n4:memory:/strata/a1/c9\n2:cpu,cpuacct:/strata/a1/c9\n0::/strata/a1/c9\n";
        String own = "9:name=systemd:/\n4:memory:/sandbox\n2:cpu,cpuacct:/\n0::/\n";

        assertThat(CgroupMembership.procsFilesToJoin(task, own, MOUNTINFO)).containsExactly(
                Path.of("/sys/fs/cgroup/memory/strata/a1/c9/cgroup.procs"),
                Path.of("/sys/fs/cgroup/cpu,cpuacct/strata/a1/c9/cgroup.procs"),
                Path.of("/sys/fs/cgroup/unified/strata/a1/c9/cgroup.procs"));
    }

    @Test
    void procsFilesToJoin_sameGroups_joinsNothing() {
        String same = "4:memory:/x\n0::/x\n";

        assertThat(CgroupMembership.procsFilesToJoin(same, same, MOUNTINFO)).isEmpty();
    }

    @Test
    void procsFilesToJoin_unmountedHierarchy_isSkipped() {
        assertThat(CgroupMembership.procsFilesToJoin("5:devices:/strata/x\n", "5:devices:/\n", MOUNTINFO)).isEmpty();
    }
}
