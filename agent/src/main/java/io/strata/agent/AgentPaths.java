package io.strata.agent;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import io.strata.agent.sandbox.RunKey;
import io.strata.agent.sandbox.SandboxLayout;

/**
 * The agent's work directory, laid out as Mesos does: sandboxes under
 * {@code slaves/<agentId>/frameworks/<fid>/executors/<eid>/runs/<cid>} and checkpoints under
 * {@code meta/slaves/<agentId>/...} with the same shape; {@code meta/slaves/latest} holds the agent id and
 * {@code meta/boot_id} the host boot id (a reboot means no recovery).
 */
public final class AgentPaths {
    private final Path workDir;
    private final SandboxLayout layout;

    public AgentPaths(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.layout = new SandboxLayout(this.workDir);
    }

    public Path workDir() {
        return workDir;
    }

    /** A task's sandbox directory. */
    public Path sandbox(AgentId agent, FrameworkId framework, String executor, String container) {
        return layout.sandbox(new RunKey(agent.value(), framework.value(), executor, container));
    }

    /** A task's checkpoint directory. */
    public Path meta(AgentId agent, FrameworkId framework, String executor, String container) {
        return layout.metaRunDir(new RunKey(agent.value(), framework.value(), executor, container));
    }

    /** Points the run's {@code latest} link at this sandbox. */
    void linkLatest(Path sandbox) {
        Path latest = sandbox.getParent().resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, sandbox.getFileName());
        } catch (IOException e) {
            // the link is a convenience for people browsing the work dir
        }
    }

    /** The checkpointed agent id, unless the host rebooted since it was written. */
    public Optional<AgentId> checkpointedAgentId() {
        Path id = layout.latestAgentLink();
        Path boot = layout.bootIdFile();
        try {
            if (!Files.exists(id)) {
                return Optional.empty();
            }
            if (Files.exists(boot) && !Files.readString(boot).trim().equals(bootId())) {
                return Optional.empty();
            }
            String value = Files.readString(id, StandardCharsets.UTF_8).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(new AgentId(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent checkpoint in " + workDir, e);
        }
    }

    /** Checkpoints the agent id and the boot id. */
    public void checkpointAgentId(AgentId id) {
        try {
            Files.createDirectories(layout.latestAgentLink().getParent());
            Files.writeString(layout.bootIdFile(), bootId());
            Path tmp = layout.latestAgentLink().resolveSibling("latest.tmp");
            Files.writeString(tmp, id.value());
            Files.move(tmp, layout.latestAgentLink(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint the agent id in " + workDir, e);
        }
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Task checkpoint directories (those holding a task.info) of an agent: a command task's run directory
     * ({@code executors/<eid>/runs/<cid>}) and a group task's ({@code executors/<eid>/runs/<cid>/tasks/<tid>}).
     */
    public List<Path> checkpointedRuns(AgentId agent) {
        Path base = layout.metaAgentDir(agent.value()).resolve("frameworks");
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.find(base, 8, (p, a) -> p.getFileName().toString().equals("task.info")
                && isTaskCheckpoint(base.relativize(p)))) {
            List<Path> out = new ArrayList<>();
            files.forEach(p -> out.add(p.getParent()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // <fid>/executors/<eid>/runs/<cid>/task.info or <fid>/executors/<eid>/runs/<cid>/tasks/<tid>/task.info
    private static boolean isTaskCheckpoint(Path relative) {
        int n = relative.getNameCount();
        return n == 6 && relative.getName(1).toString().equals("executors") && relative.getName(3).toString().equals("runs")
                || n == 8 && relative.getName(3).toString().equals("runs") && relative.getName(5).toString().equals("tasks");
    }

    /** Deletes a run's checkpoints (its terminal update was acknowledged); the sandbox stays for its logs. */
    void deleteMeta(Path metaDir) {
        try (Stream<Path> files = Files.walk(metaDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: a leftover directory holds no task.info once deleted first; the walk throws unchecked when
            // another task of the same group removes part of the tree at the same time
        }
    }
}
