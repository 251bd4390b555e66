package io.strata.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatorsTest {

    @TempDir
    Path root;

    @Test
    void detect_pureCgroup2WithMemoryAndCpu_choosesV2() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");

        IsolatorChoice choice = Isolators.detect(root, "a", 0);

        assertThat(choice).isInstanceOfSatisfying(IsolatorChoice.Usable.class,
                usable -> assertThat(usable.isolator()).isInstanceOf(CgroupsV2Isolator.class));
    }

    @Test
    void detect_hybridWithV1MemoryAndCpu_choosesV1() throws IOException {
        Files.createDirectories(root.resolve("memory"));
        Files.createDirectories(root.resolve("cpu"));
        Files.createDirectories(root.resolve("unified"));
        Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(root.resolve("cpu/cpu.cfs_quota_us"), "-1\n");
        Files.writeString(root.resolve("unified/cgroup.controllers"), "hugetlb\n");

        IsolatorChoice choice = Isolators.detect(root, "a", 0);

        assertThat(choice).isInstanceOfSatisfying(IsolatorChoice.Usable.class,
                usable -> assertThat(usable.isolator().name()).isEqualTo("cgroups-v1"));
    }

    @Test
    void detect_cgroup2WithoutMemory_isUnusableWithReason() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "hugetlb\n");

        IsolatorChoice choice = Isolators.detect(root, "a", 0);

        assertThat(choice).isInstanceOfSatisfying(IsolatorChoice.Unusable.class, unusable -> assertThat(
                unusable.message()).startsWith("cgroups unusable: neither cgroup2 with the memory and cpu")
                .endsWith("; start with --isolation=none to run tasks without limits"));
    }

    @Test
    void detect_notRoot_isUnusableNamingUid() {
        IsolatorChoice choice = Isolators.detect(root, "a", 1000);

        assertThat(choice).isEqualTo(new IsolatorChoice.Unusable("the agent is not running as root (uid 1000)"));
    }

    @Test
    void detect_thisHost_isUsableWhenRoot() {
        assumeTrue(CgroupTestSupport.isRoot(), "needs root");

        assertThat(Isolators.detect(CgroupTestSupport.CGROUP_ROOT, "a")).isInstanceOf(IsolatorChoice.Usable.class);
    }

    @Test
    void parseEffectiveUid_statusText_returnsSecondField() {
        assertThat(Isolators.parseEffectiveUid("Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n")).isZero();
        assertThatThrownBy(() -> Isolators.parseEffectiveUid("Name: x\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void none_anyHost_returnsNoIsolator() {
        assertThat(Isolators.none(root, "a").name()).isEqualTo("none");
    }
}
