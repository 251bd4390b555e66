package io.strata.agent.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Chooses the isolator for this host: cgroup2 when it has memory and cpu, else v1 (hybrid), else a reason. */
public final class Isolators {

    /** Reason: the agent does not run as root. */
    public static final String NOT_ROOT = "the agent is not running as root (uid %d)";
    /** Reason: no usable hierarchy is mounted. */
    public static final String NO_CONTROLLERS = "neither cgroup2 with the memory and cpu controllers nor the v1 memory"
            + " and cpu controllers are mounted under %s";

    private Isolators() {
    }

    /**
     * Detects the cgroup layout under {@code cgroupRoot} (normally {@code /sys/fs/cgroup}) for the calling process.
     *
     * @param hierarchyName the agent name: groups live at {@code <controller root>/strata/<hierarchyName>/<id>}
     */
    public static IsolatorChoice detect(Path cgroupRoot, String hierarchyName) {
        return detect(cgroupRoot, hierarchyName, effectiveUid());
    }

    /** Detects the layout as if the agent ran with the given effective uid (for tests over a fake tree). */
    static IsolatorChoice detect(Path cgroupRoot, String hierarchyName, long uid) {
        if (uid != 0) {
            return new IsolatorChoice.Unusable(NOT_ROOT.formatted(uid));
        }
        Path controllers = cgroupRoot.resolve("cgroup.controllers");
        if (Files.isRegularFile(controllers) && words(controllers).containsAll(CgroupsV2Isolator.REQUIRED_CONTROLLERS)) {
            return new IsolatorChoice.Usable(new CgroupsV2Isolator(cgroupRoot, hierarchyName));
        }
        if (Files.isRegularFile(cgroupRoot.resolve("memory").resolve("memory.limit_in_bytes"))
                && Files.isRegularFile(cgroupRoot.resolve("cpu").resolve("cpu.cfs_quota_us"))) {
            return new IsolatorChoice.Usable(new CgroupsV1Isolator(cgroupRoot, hierarchyName));
        }
        return new IsolatorChoice.Unusable(NO_CONTROLLERS.formatted(cgroupRoot));
    }

    /** Returns the isolator for {@code --isolation=none}, keeping its tracking files under {@code stateRoot}. */
    public static Isolator none(Path stateRoot, String hierarchyName) {
        return new NoIsolator(stateRoot, hierarchyName);
    }

    /** Parses the effective uid from the text of {@code /proc/self/status} ("Uid: real effective saved fs"). */
    static long parseEffectiveUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                return Long.parseLong(fields.length > 1 ? fields[1] : fields[0]);
            }
        }
        throw new IllegalArgumentException("no Uid line in status text");
    }

    private static long effectiveUid() {
        try {
            return parseEffectiveUid(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
    }

    private static List<String> words(Path file) {
        try {
            return Arrays.asList(Files.readString(file).trim().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
