package io.strata.agent.launcher;

import io.strata.agent.isolation.ContainerId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to start one task process.
 *
 * @param id the container the process belongs to
 * @param command what to run
 * @param env the task's complete environment (the agent's own is not inherited); {@code PATH} gets a default if absent
 * @param sandboxDir the working directory; {@code stdout} and {@code stderr} are appended to files there
 * @param runDir where the supervisor records {@code task.pid} and {@code exit_status}; must survive agent restarts
 * @param cgroupProcsFiles the procs files the supervisor joins before anything runs (from the isolator)
 * @param user the user to run the task as (the agent must be root), or empty for the agent's own user
 */
public record LaunchSpec(ContainerId id, TaskCommand command, Map<String, String> env, Path sandboxDir, Path runDir,
        List<Path> cgroupProcsFiles, Optional<String> user) {

    /** Validates and copies the collections. */
    public LaunchSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
        env = Map.copyOf(env);
        Objects.requireNonNull(sandboxDir, "sandboxDir");
        Objects.requireNonNull(runDir, "runDir");
        cgroupProcsFiles = List.copyOf(cgroupProcsFiles);
        Objects.requireNonNull(user, "user");
        user.ifPresent(name -> {
            if (!name.matches("[a-z_][a-z0-9_.-]{0,31}")) {
                throw new IllegalArgumentException("invalid user name: '" + name + "'");
            }
        });
    }

    /** Returns a spec for a shell command run as the agent's user. */
    public static LaunchSpec shell(ContainerId id, String command, Map<String, String> env, Path sandboxDir,
            Path runDir, List<Path> cgroupProcsFiles) {
        return new LaunchSpec(id, new TaskCommand.Shell(command), env, sandboxDir, runDir, cgroupProcsFiles,
                Optional.empty());
    }
}
