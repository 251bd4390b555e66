package io.strata.agent.oci;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The OCI runtimes the agent can drive; both take the same command line ({@code --oci-runtime runc|crun}). */
public enum OciRuntimeKind {
    /** runc: works on hybrid and unified cgroup hosts; the default. */
    RUNC("runc"),
    /** crun: faster to start, but refuses hosts whose cgroup2 tree holds controllers next to v1 ones. */
    CRUN("crun");

    private final String binaryName;

    OciRuntimeKind(String binaryName) {
        this.binaryName = binaryName;
    }

    /** Returns the executable's name. */
    public String binaryName() {
        return binaryName;
    }

    /** Parses an {@code --oci-runtime} value ({@code runc} or {@code crun}, any case). */
    public static OciRuntimeKind parse(String value) {
        for (OciRuntimeKind kind : values()) {
            if (kind.binaryName.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown OCI runtime '" + value + "': use runc or crun");
    }

    /** The installed runtimes ({@link #locate()} of each). */
    public static java.util.Map<OciRuntimeKind, Path> installed() {
        java.util.Map<OciRuntimeKind, Path> out = new java.util.EnumMap<>(OciRuntimeKind.class);
        for (OciRuntimeKind kind : values()) {
            kind.locate().ifPresent(path -> out.put(kind, path));
        }
        return out;
    }

    /**
     * The file in the runtime's state directory that records a created container's init pid: runc's
     * {@code <root>/<id>/state.json} ({@code init_process_pid}), crun's {@code <root>/<id>/status} ({@code pid}).
     */
    public Path stateFile(Path stateRoot, String containerId) {
        return stateRoot.resolve(containerId).resolve(this == RUNC ? "state.json" : "status");
    }

    /** The field of {@link #stateFile} that holds the init pid. */
    public String pidField() {
        return this == RUNC ? "init_process_pid" : "pid";
    }

    /** Finds the executable on {@code PATH}, then in {@code /usr/sbin}, {@code /usr/bin} and {@code /usr/local/bin}. */
    public Optional<Path> locate() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()),
                        Stream.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"))
                .map(dir -> Path.of(dir, binaryName))
                .filter(Files::isExecutable)
                .map(Path::toAbsolutePath)
                .findFirst();
    }
}
