package io.strata.agent.launcher;

import io.strata.agent.isolation.ContainerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent stores to find a supervisor again after a restart: its pid, its start time in clock ticks since boot
 * (field 22 of {@code /proc/<pid>/stat}, so that a recycled pid is never mistaken for ours) and the run directory with
 * the status files. A start time of {@link #ALREADY_EXITED} means the supervisor ended before it could be read.
 */
public record Checkpoint(ContainerId id, long supervisorPid, long startTimeTicks, Path runDir) {

    /** The start time recorded when the supervisor had already exited when the checkpoint was taken. */
    public static final long ALREADY_EXITED = -1;

    /** Validates the fields. */
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runDir, "runDir");
        if (supervisorPid <= 1) {
            throw new IllegalArgumentException("supervisor pid must be > 1: " + supervisorPid);
        }
        if (startTimeTicks < ALREADY_EXITED) {
            throw new IllegalArgumentException("invalid start time: " + startTimeTicks);
        }
    }

    /** Returns the checkpoint as "key=value" lines. */
    public String encode() {
        return "containerId=" + id.value() + "\nsupervisorPid=" + supervisorPid + "\nstartTimeTicks=" + startTimeTicks
                + "\nrunDir=" + runDir + "\n";
    }

    /**
     * Parses the text written by {@link #encode()}.
     *
     * @throws IllegalArgumentException if a key is missing or malformed
     */
    public static Checkpoint decode(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            return new Checkpoint(ContainerId.of(required(fields, "containerId")),
                    Long.parseLong(required(fields, "supervisorPid")),
                    Long.parseLong(required(fields, "startTimeTicks")), Path.of(required(fields, "runDir")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed checkpoint: " + text, e);
        }
    }

    /** Writes the checkpoint atomically (temporary file, then rename) so a crash never leaves half a file. */
    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, encode());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    /** Reads a checkpoint written by {@link #writeTo}. */
    public static Checkpoint readFrom(Path file) {
        try {
            return decode(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("checkpoint lacks " + key);
        }
        return value;
    }
}
