package io.strata.agent.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Enforces read-only volumes for a task without an image. Its volumes are links in its sandbox, and a link cannot be
 * read-only (the agent runs tasks as root, so file modes do not stop writes either); instead the task's command runs
 * in a mount namespace of its own ({@code unshare --mount}) where each read-only volume's source is bound onto itself
 * and remounted {@code ro}. The task reaches the source through its link and meets the read-only mount (a write fails
 * with EROFS); the host and other tasks keep the writable source. Slave propagation: the binds never reach the host,
 * while the host's later mounts and unmounts still reach the namespace where the host shares them. Pure: builds argv.
 */
public final class ReadOnlyBinds {
    /** The exit status of the wrapper when a bind fails (the task did not start); it says why on stderr. */
    public static final int BIND_FAILED = 126;
    static final String UNSHARE = "/usr/bin/unshare";
    static final String MOUNT = "/usr/bin/mount";
    /** {@code $1} = number of sources, then the sources, then the task's argv. */
    static final String SCRIPT = """
            n=$1; shift
            while [ "$n" -gt 0 ]; do
              if ! %1$s --bind -- "$1" "$1" || ! %1$s -o remount,bind,ro -- "$1"; then
                echo "strata: cannot make volume $1 read-only" >&2; exit %2$d
              fi
              shift; n=$((n-1))
            done
            exec "$@"
            """.formatted(MOUNT, BIND_FAILED);

    private ReadOnlyBinds() {
    }

    /**
     * Returns {@code argv} unchanged when no mount is read-only, else the command that binds the read-only mounts'
     * sources read-only in a private mount namespace and then executes {@code argv}.
     */
    public static List<String> wrap(List<VolumeMount> mounts, List<String> argv) {
        List<String> sources = mounts.stream().filter(VolumeMount::readOnly).map(m -> m.source().toString())
                .distinct().toList();
        if (sources.isEmpty()) {
            return List.copyOf(argv);
        }
        List<String> out = new ArrayList<>(List.of(UNSHARE, "--mount", "--propagation", "slave", "--", "/bin/sh",
                "-c", SCRIPT, "strata-read-only-volumes", Integer.toString(sources.size())));
        out.addAll(sources);
        out.addAll(argv);
        return List.copyOf(out);
    }
}
