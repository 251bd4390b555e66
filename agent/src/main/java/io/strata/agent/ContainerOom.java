package io.strata.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads whether the kernel's OOM killer killed a process of a cgroup: the {@code oom_kill} counter of cgroup v1's
 * {@code memory.oom_control} or of v2's {@code memory.events} (runtime.md section 4: {@code memory.failcnt} is not
 * reliable).
 */
final class ContainerOom {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private ContainerOom() {
    }

    /** Whether the group at {@code group} (absolute within the hierarchies, e.g. {@code /strata/x/runc}) counted a kill. */
    static boolean killed(String group) {
        Path v1 = Path.of(CGROUP_ROOT + "/memory" + group, "memory.oom_control");
        Path v2 = Path.of(CGROUP_ROOT + group, "memory.events");
        for (Path file : List.of(v1, v2)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
                        return true;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not this hierarchy
            }
        }
        return false;
    }
}
