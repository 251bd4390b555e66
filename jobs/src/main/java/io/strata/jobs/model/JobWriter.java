package io.strata.jobs.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes jobs in Chronos' JSON, fields in {@code JobSerializer} order, then either {@code parents} or
 * {@code schedule} + {@code scheduleTimeZone}; Strata's extensions ({@code cron}, {@code concurrent},
 * {@code skippedCount}) follow. Maps keep insertion order, so any JSON mapper writes them in this order.
 */
public final class JobWriter {
    private JobWriter() {
    }

    /** The job definition alone (what the store keeps; {@link JobReader} reads it back unchanged). */
    public static Map<String, Object> definition(JobSpec job) {
        return write(job, JobState.initial(), false);
    }

    /** The job with its statistics, as {@code GET /jobs} returns it. */
    public static Map<String, Object> withStats(JobSpec job, JobState state) {
        return write(job, state, true);
    }

    private static Map<String, Object> write(JobSpec job, JobState state, boolean stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", job.name());
        m.put("command", job.command());
        m.put("shell", job.shell());
        m.put("epsilon", iso(job.epsilon()));
        m.put("executor", "");
        m.put("executorFlags", "");
        m.put("retries", job.retries());
        m.put("owner", job.owner());
        m.put("ownerName", job.ownerName());
        m.put("description", job.description());
        m.put("async", job.async());
        m.put("successCount", state.successCount());
        m.put("errorCount", state.errorCount());
        m.put("lastSuccess", state.lastSuccess());
        m.put("lastError", state.lastError());
        m.put("cpus", job.cpus());
        m.put("disk", job.disk());
        m.put("mem", job.mem());
        m.put("disabled", job.disabled());
        m.put("softError", job.softError());
        m.put("dataProcessingJobType", false);
        m.put("errorsSinceLastSuccess", state.errorsSinceLastSuccess());
        m.put("uris", job.uris());
        m.put("environmentVariables", job.environmentVariables().stream()
                .map(v -> Map.of("name", v.name(), "value", v.value())).toList());
        m.put("arguments", job.arguments());
        m.put("highPriority", false);
        m.put("runAsUser", job.runAsUser());
        if (job.container() != null) {
            m.put("container", container(job.container()));
        }
        m.put("constraints", job.constraints());
        if (job.dependent()) {
            m.put("parents", job.parents());
        } else {
            if (job.schedule() != null) {
                m.put("schedule", job.schedule());
            }
            m.put("scheduleTimeZone", job.scheduleTimeZone());
        }
        if (job.cron() != null) {
            m.put("cron", job.cron());
        }
        m.put("concurrent", job.concurrent());
        if (stats) {
            m.put("skippedCount", state.skippedCount());
        }
        return m;
    }

    private static Map<String, Object> container(JobSpec.Container c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        m.put("image", c.image());
        m.put("network", c.network());
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (JobSpec.Volume v : c.volumes()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("hostPath", v.hostPath());
            vm.put("containerPath", v.containerPath());
            vm.put("mode", v.mode());
            volumes.add(vm);
        }
        m.put("volumes", volumes);
        m.put("forcePullImage", c.forcePullImage());
        return m;
    }

    /** One attempt as the runs endpoint shows it. */
    public static Map<String, Object> run(String job, RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", r.taskId());
        m.put("jobName", job);
        m.put("attempt", r.attempt());
        m.put("cause", r.cause().name());
        m.put("state", r.phase().name());
        m.put("due", Instant.ofEpochMilli(r.due()).toString());
        m.put("queuedAt", Instant.ofEpochMilli(r.queuedAt()).toString());
        m.put("launchedAt", r.launchedAt() == null ? null : Instant.ofEpochMilli(r.launchedAt()).toString());
        m.put("finishedAt", r.finishedAt() == null ? null : Instant.ofEpochMilli(r.finishedAt()).toString());
        m.put("slaveId", r.agentId());
        m.put("exitStatus", r.exitStatus());
        m.put("message", r.message());
        return m;
    }

    /** Chronos' epsilon text: whole seconds as {@code PT<n>S}. */
    static String iso(Duration d) {
        return d.toNanos() % 1_000_000_000L == 0 ? "PT" + d.toSeconds() + "S" : d.toString();
    }
}
