package io.strata.agent.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code cgroup.procs} files a process must write its pid into to join another process's control groups:
 * computed from the other process's {@code /proc/<pid>/cgroup}, our own {@code /proc/self/cgroup} and our
 * {@code /proc/self/mountinfo}. Only hierarchies where the two differ are joined (so nothing changes where the task
 * sits where we do, and a hierarchy without a mount is skipped). Pure: the caller reads the files.
 *
 * <p>Example on a hybrid host: the task's line {@code 4:memory:/strata/a1/c9} differs from ours
 * ({@code 4:memory:/}); the memory hierarchy is mounted at {@code /sys/fs/cgroup/memory} with root {@code /}, so the
 * file is {@code /sys/fs/cgroup/memory/strata/a1/c9/cgroup.procs}. The v2 line {@code 0::/x} maps to the
 * {@code cgroup2} mount.
 */
public final class CgroupMembership {

    private CgroupMembership() {
    }

    /** A mounted hierarchy: its controllers (empty for cgroup v2), its root inside the hierarchy and mount point. */
    private record Mount(Set<String> controllers, String root, Path mountPoint) {
    }

    /** Returns the procs files to join, in the order of {@code taskCgroups}' lines. */
    public static List<Path> procsFilesToJoin(String taskCgroups, String ownCgroups, String mountinfo) {
        Map<String, String> own = paths(ownCgroups);
        List<Mount> mounts = mounts(mountinfo);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, String> line : paths(taskCgroups).entrySet()) {
            if (line.getValue().equals(own.get(line.getKey()))) {
                continue;
            }
            Set<String> controllers = controllers(line.getKey());
            for (Mount mount : mounts) {
                if (mount.controllers().equals(controllers) && line.getValue().startsWith(mount.root())) {
                    String relative = line.getValue().substring(mount.root().length()).replaceAll("^/+", "");
                    out.add(mount.mountPoint().resolve(relative).resolve("cgroup.procs"));
                    break;
                }
            }
        }
        return out;
    }

    /** Maps each hierarchy's controller list (e.g. {@code cpu,cpuacct}, {@code name=systemd}, {@code ""}) to a path. */
    private static Map<String, String> paths(String cgroups) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : cgroups.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                out.put(parts[1], parts[2].strip());
            }
        }
        return out;
    }

    private static Set<String> controllers(String list) {
        return list.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(list.split(",")));
    }

    private static List<Mount> mounts(String mountinfo) {
        List<Mount> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (String line : mountinfo.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] before = line.substring(0, dash).split(" ");
            String[] after = line.substring(dash + 3).split(" ");
            if (before.length < 5 || after.length < 3) {
                continue;
            }
            String type = after[0];
            Set<String> controllers;
            if (type.equals("cgroup2")) {
                controllers = Set.of();
            } else if (type.equals("cgroup")) {
                controllers = new HashSet<>();
                for (String option : after[2].split(",")) {
                    if (!option.equals("rw") && !option.equals("ro") && !option.startsWith("release_agent")
                            && !option.equals("clone_children") && !option.equals("noprefix")
                            && !option.startsWith("xattr")) {
                        controllers.add(option);
                    }
                }
            } else {
                continue;
            }
            if (seen.putIfAbsent(controllers.toString(), true) == null) {
                out.add(new Mount(Set.copyOf(controllers), before[3], Path.of(before[4])));
            }
        }
        return out;
    }
}
