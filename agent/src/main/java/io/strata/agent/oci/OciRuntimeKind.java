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
