package io.strata.agent.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One container as the OCI runtime reports it ({@code runc state} / {@code runc list --format json}).
 *
 * @param id the container id
 * @param pid the host pid of the container's init process; 0 once it has stopped
 * @param status the runtime's status
 * @param bundle the bundle directory the container was created from
 */
public record ContainerState(String id, long pid, Status status, Path bundle) {

    /** The OCI lifecycle states, plus {@link #UNKNOWN} for anything else a runtime prints. */
    public enum Status {
        /** Being created. */
        CREATING,
        /** Created, not yet started (never seen with {@code run}). */
        CREATED,
        /** The init process is alive. */
        RUNNING,
        /** Frozen. */
        PAUSED,
        /** The init process has exited; the container waits for {@code delete}. */
        STOPPED,
        /** A status this code does not know. */
        UNKNOWN;

        static Status parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    /** Validates the fields. */
    public ContainerState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bundle, "bundle");
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative: " + pid);
        }
    }

    /** Returns whether the container's processes may still be running (anything but stopped). */
    public boolean isAlive() {
        return status != Status.STOPPED;
    }

    /** Parses one state object as runc and crun print it. */
    static ContainerState fromJson(JsonNode node) {
        return new ContainerState(node.path("id").asText(), Math.max(0, node.path("pid").asLong()),
                Status.parse(node.path("status").asText()), Path.of(node.path("bundle").asText("/")));
    }
}
