package io.strata.agent.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a host mounts its cgroups, as far as the choice of OCI runtime cares: crun refuses a hybrid host whose cgroup2
 * tree holds controllers (runtime.md section 1), and is only preferred on a unified (v2-only) host.
 */
public enum CgroupLayout {
    /** cgroup2 alone at {@code /sys/fs/cgroup}. */
    UNIFIED,
    /** v1 controllers plus a cgroup2 tree at {@code /sys/fs/cgroup/unified} that holds no controller. */
    HYBRID_EMPTY_V2,
    /** v1 controllers plus a cgroup2 tree at {@code /sys/fs/cgroup/unified} that holds some (this machine: hugetlb). */
    HYBRID,
    /** v1 controllers only. */
    LEGACY;

    /** Whether crun can run containers with this layout. */
    public boolean crunWorks() {
        return this != HYBRID;
    }

    /**
     * Reads the layout under {@code root} (normally {@code /sys/fs/cgroup}): unified when {@code root} itself has
     * {@code cgroup.controllers}; hybrid when {@code root/unified} has it (empty or not); legacy otherwise.
     */
    public static CgroupLayout detect(Path root) {
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            return UNIFIED;
        }
        Path unified = root.resolve("unified").resolve("cgroup.controllers");
        if (!Files.exists(unified)) {
            return LEGACY;
        }
        try {
            return Files.readString(unified).isBlank() ? HYBRID_EMPTY_V2 : HYBRID;
        } catch (IOException e) {
            return HYBRID;
        }
    }
}
