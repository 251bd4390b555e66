package io.strata.agent.oci;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which OCI runtime an agent uses ({@code --oci-runtime runc|crun|auto}), decided once at start from which
 * binaries are installed and the host's {@link CgroupLayout}. Pure: {@link #choose} does no I/O.
 *
 * <p>{@code auto} takes crun on a unified cgroup v2 host (it starts containers about three times faster than runc,
 * runtime.md section 1), else runc, else crun where its layout allows it. An explicit choice that cannot work here
 * is {@link Unavailable} with the reason, which the agent logs at start and gives image tasks as their failure;
 * plain tasks run either way.
 */
public sealed interface OciRuntimeSelection {
    /** The values {@code --oci-runtime} accepts. */
    String VALUES = "runc, crun or auto";

    /** A usable runtime. */
    record Chosen(OciRuntimeKind kind, Path binary, String why) implements OciRuntimeSelection {
        public Chosen {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(binary, "binary");
            Objects.requireNonNull(why, "why");
        }
    }

    /** No runtime can run image tasks here; {@code message} says what to install or choose instead. */
    record Unavailable(String message) implements OciRuntimeSelection {
        public Unavailable {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("message must not be blank");
            }
        }
    }

    /**
     * Decides the runtime.
     *
     * @param requested {@code runc}, {@code crun} or {@code auto} (any case)
     * @param installed the absolute path of each installed runtime
     * @param layout the host's cgroup layout
     * @throws IllegalArgumentException when {@code requested} is none of {@link #VALUES}
     */
    static OciRuntimeSelection choose(String requested, Map<OciRuntimeKind, Path> installed, CgroupLayout layout) {
        String value = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        Path runc = installed.get(OciRuntimeKind.RUNC);
        Path crun = installed.get(OciRuntimeKind.CRUN);
        return switch (value) {
            case "runc" -> runc != null ? new Chosen(OciRuntimeKind.RUNC, runc, "--oci-runtime runc")
                    : new Unavailable("image tasks need an OCI runtime: --oci-runtime runc was chosen but runc is not "
                            + "installed (apt-get install runc)");
            case "crun" -> {
                if (crun == null) {
                    yield new Unavailable("image tasks need an OCI runtime: --oci-runtime crun was chosen but crun is "
                            + "not installed (apt-get install crun), or use --oci-runtime runc");
                }
                yield layout.crunWorks() ? new Chosen(OciRuntimeKind.CRUN, crun, "--oci-runtime crun")
                        : new Unavailable(RuncRuntime.CRUN_HYBRID_MESSAGE);
            }
            case "auto" -> auto(runc, crun, layout);
            default -> throw new IllegalArgumentException("--oci-runtime must be " + VALUES + ", not '" + requested + "'");
        };
    }

    private static OciRuntimeSelection auto(Path runc, Path crun, CgroupLayout layout) {
        if (crun != null && layout == CgroupLayout.UNIFIED) {
            return new Chosen(OciRuntimeKind.CRUN, crun, "auto: crun on a unified cgroup v2 host");
        }
        if (runc != null) {
            return new Chosen(OciRuntimeKind.RUNC, runc, "auto: runc (" + whyNotCrun(crun != null, layout) + ")");
        }
        if (crun != null && layout.crunWorks()) {
            return new Chosen(OciRuntimeKind.CRUN, crun, "auto: crun (runc is not installed)");
        }
        return new Unavailable(crun != null ? "image tasks need an OCI runtime: crun is installed but refuses this "
                + "host's hybrid cgroups; install runc (apt-get install runc)" : RuncRuntime.MISSING_RUNTIME);
    }

    private static String whyNotCrun(boolean crunInstalled, CgroupLayout layout) {
        if (!crunInstalled) {
            return "crun is not installed";
        }
        return switch (layout) {
            case UNIFIED -> throw new IllegalStateException("crun is preferred on a unified host");
            case HYBRID -> "crun refuses this host's hybrid cgroups";
            case HYBRID_EMPTY_V2, LEGACY -> "cgroups are not unified v2";
        };
    }
}
