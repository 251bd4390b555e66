package io.strata.agent.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Pure path computation for the Mesos work-directory layout (Mesos {@code src/slave/paths.hpp}); nothing here touches
 * the file system.
 *
 * <pre>
 * workDir/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/executors/&lt;eid&gt;/runs/&lt;cid&gt;/{stdout,stderr}   sandbox
 * workDir/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/executors/&lt;eid&gt;/runs/latest -&gt; &lt;cid&gt;
 * workDir/meta/boot_id, workDir/meta/resources/resources.info
 * workDir/meta/slaves/&lt;aid&gt;/slave.info
 * workDir/meta/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/{framework.info,framework.pid}
 * workDir/meta/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/executors/&lt;eid&gt;/executor.info
 * workDir/meta/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/executors/&lt;eid&gt;/runs/&lt;cid&gt;/pids/{forked.pid,libprocess.pid}
 * workDir/meta/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/executors/&lt;eid&gt;/runs/&lt;cid&gt;/tasks/&lt;tid&gt;/{task.info,task.updates}
 * workDir/meta/slaves/&lt;aid&gt;/frameworks/&lt;fid&gt;/executors/&lt;eid&gt;/runs/&lt;cid&gt;/executor.sentinel
 * </pre>
 * The directory names {@code slaves} keep the Mesos spelling because tools (the DC/OS CLI) expect it.
 */
public record SandboxLayout(Path workDir) {

    /** The name of the symlink to the most recent run, agent or framework. */
    public static final String LATEST = "latest";

    /** Validates and normalizes the work directory to an absolute path. */
    public SandboxLayout {
        workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
    }

    /**
     * Checks that an id can be used as one path segment: non-empty, at most 255 bytes, no {@code /} or NUL, not
     * {@code .}, {@code ..} or {@link #LATEST}.
     */
    public static String requireSegment(String id, String what) {
        if (id == null || id.isEmpty() || id.length() > 255 || id.indexOf('/') >= 0 || id.indexOf('\0') >= 0
                || id.equals(".") || id.equals("..") || id.equals(LATEST)) {
            throw new IllegalArgumentException("invalid " + what + ": '" + id + "'");
        }
        return id;
    }

    /** Returns the sandbox directory of a run. */
    public Path sandbox(RunKey key) {
        return executorRuns(workDir, key).resolve(key.containerId());
    }

    /** Returns the {@code runs/latest} symlink beside the sandboxes of the run's executor. */
    public Path latestSandboxLink(RunKey key) {
        return executorRuns(workDir, key).resolve(LATEST);
    }

    /** Returns the root of the checkpoint tree. */
    public Path metaDir() {
        return workDir.resolve("meta");
    }

    /** Returns {@code meta/boot_id}, which tells a process restart (recover) from a host reboot (start fresh). */
    public Path bootIdFile() {
        return metaDir().resolve("boot_id");
    }

    /** Returns {@code meta/resources/resources.info}. */
    public Path resourcesInfoFile() {
        return metaDir().resolve("resources").resolve("resources.info");
    }

    /** Returns {@code meta/slaves/latest}, the symlink to the most recent agent id. */
    public Path latestAgentLink() {
        return metaDir().resolve("slaves").resolve(LATEST);
    }

    /** Returns the checkpoint directory of one agent id. */
    public Path metaAgentDir(String agentId) {
        return metaDir().resolve("slaves").resolve(requireSegment(agentId, "agentId"));
    }

    /** Returns {@code slave.info} of one agent id. */
    public Path agentInfoFile(String agentId) {
        return metaAgentDir(agentId).resolve("slave.info");
    }

    /** Returns the checkpoint directory of one framework. */
    public Path metaFrameworkDir(String agentId, String frameworkId) {
        return metaAgentDir(agentId).resolve("frameworks").resolve(requireSegment(frameworkId, "frameworkId"));
    }

    /** Returns {@code framework.info} of one framework. */
    public Path frameworkInfoFile(String agentId, String frameworkId) {
        return metaFrameworkDir(agentId, frameworkId).resolve("framework.info");
    }

    /** Returns {@code framework.pid} of one framework. */
    public Path frameworkPidFile(String agentId, String frameworkId) {
        return metaFrameworkDir(agentId, frameworkId).resolve("framework.pid");
    }

    /** Returns the checkpoint directory of one executor. */
    public Path metaExecutorDir(RunKey key) {
        return metaFrameworkDir(key.agentId(), key.frameworkId()).resolve("executors").resolve(key.executorId());
    }

    /** Returns {@code executor.info} of the run's executor. */
    public Path executorInfoFile(RunKey key) {
        return metaExecutorDir(key).resolve("executor.info");
    }

    /** Returns the checkpoint directory of one run. */
    public Path metaRunDir(RunKey key) {
        return metaExecutorDir(key).resolve("runs").resolve(key.containerId());
    }

    /** Returns the meta {@code runs/latest} symlink of the run's executor. */
    public Path latestMetaRunLink(RunKey key) {
        return metaExecutorDir(key).resolve("runs").resolve(LATEST);
    }

    /** Returns the run's {@code pids} directory: {@code forked.pid} and the launcher's run files live here. */
    public Path pidsDir(RunKey key) {
        return metaRunDir(key).resolve("pids");
    }

    /** Returns {@code pids/forked.pid} of the run. */
    public Path forkedPidFile(RunKey key) {
        return pidsDir(key).resolve("forked.pid");
    }

    /** Returns {@code pids/libprocess.pid} of the run. */
    public Path libprocessPidFile(RunKey key) {
        return pidsDir(key).resolve("libprocess.pid");
    }

    /** Returns {@code executor.sentinel}, written when the executor is being shut down by the agent. */
    public Path executorSentinelFile(RunKey key) {
        return metaRunDir(key).resolve("executor.sentinel");
    }

    /** Returns the checkpoint directory of one task of the run. */
    public Path metaTaskDir(RunKey key, String taskId) {
        return metaRunDir(key).resolve("tasks").resolve(requireSegment(taskId, "taskId"));
    }

    /** Returns {@code task.info} of one task. */
    public Path taskInfoFile(RunKey key, String taskId) {
        return metaTaskDir(key, taskId).resolve("task.info");
    }

    /** Returns {@code task.updates} of one task (the status-update stream replayed after a restart). */
    public Path taskUpdatesFile(RunKey key, String taskId) {
        return metaTaskDir(key, taskId).resolve("task.updates");
    }

    private static Path executorRuns(Path root, RunKey key) {
        return root.resolve("slaves").resolve(key.agentId()).resolve("frameworks").resolve(key.frameworkId())
                .resolve("executors").resolve(key.executorId()).resolve("runs");
    }
}
