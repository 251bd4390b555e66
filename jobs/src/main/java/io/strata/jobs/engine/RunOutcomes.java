package io.strata.jobs.engine;

import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.jobs.model.RunRecord;
import io.strata.jobs.model.TaskIds;
import io.strata.jobs.store.JobRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an attempt after it was queued: it is recorded as LAUNCHED before it goes to the master, its
 * Mesos status updates end it (with a retry after a failure, while retries remain), kills withdraw or stop it, and
 * a success counts for the jobs that depend on it (Chronos' edge counting). An {@code async} job's attempt is not
 * ended by TASK_FINISHED (Chronos ignores it): it waits for {@code PUT /task/{taskId}} with a {@code statusCode}
 * (0 succeeds, anything else fails and may be retried); a Mesos failure still ends it at once.
 */
final class RunOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(RunOutcomes.class);
    private static final Pattern EXIT = Pattern.compile("exited with status (\\d+)");

    private final JobTable table;
    private final ScheduleRunner scheduler;
    private final JobRepository repository;
    private final TaskLauncher launcher;
    private final InstantSource clock;
    private final JobMetrics metrics;
    private final Set<String> killRequested = ConcurrentHashMap.newKeySet();

    RunOutcomes(JobTable table, ScheduleRunner scheduler, JobRepository repository, TaskLauncher launcher,
            InstantSource clock, JobMetrics metrics) {
        this.table = table;
        this.scheduler = scheduler;
        this.repository = repository;
        this.launcher = launcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** See {@link JobEngine#markLaunched}. */
    boolean markLaunched(String taskId, String agentId) {
        JobTable.Entry job = entryOf(taskId);
        if (job == null || killRequested.contains(taskId)) {
            return false;
        }
        synchronized (job) {
            RunRecord run = job.state.active(taskId);
            if (run == null || run.phase() != RunRecord.Phase.QUEUED || job.deleted) {
                return false;
            }
            long now = clock.millis();
            var next = job.state.withActive(taskId, r -> r.launched(now, agentId));
            try {
                repository.putState(job.spec.name(), next);
            } catch (RuntimeException e) {
                LOG.warn("cannot record launch of {}: {}", taskId, e.getMessage());
                return false;
            }
            job.state = next;
            if (run.cause() == RunRecord.Cause.SCHEDULE) {
                metrics.launchSlip(Duration.ofMillis(now - run.due()));
            }
            return true;
        }
    }

    /** See {@link JobEngine#onStatus}. */
    void onStatus(TaskStatus status) {
        String taskId = status.taskId().value();
        JobTable.Entry job = entryOf(taskId);
        if (job == null) {
            return;
        }
        String name;
        boolean succeeded;
        synchronized (job) {
            name = job.spec.name();
            RunRecord run = job.state.active(taskId);
            if (run == null || job.deleted || run.phase() == RunRecord.Phase.AWAITING_REPORT) {
                return;
            }
            String agent = status.agentId() == null ? null : status.agentId().value();
            TaskState state = status.state();
            if (state == TaskState.TASK_FINISHED && job.spec.async()) {
                // the task's exit says nothing about an async job's outcome: its report does
                job.state = job.state.withActive(taskId, r -> r.moved(RunRecord.Phase.AWAITING_REPORT, null, 0,
                        status.message(), agent));
                repository.putState(name, job.state);
                return;
            }
            if (!state.isTerminal()) {
                if (state == TaskState.TASK_RUNNING && run.phase() != RunRecord.Phase.RUNNING) {
                    // kept in memory only: after a failover, reconciliation reports RUNNING again; this saves
                    // one store write per run
                    job.state = job.state.withActive(taskId,
                            r -> r.moved(RunRecord.Phase.RUNNING, null, null, status.message(), agent));
                }
                return;
            }
            succeeded = end(job, run, run.moved(phase(state), clock.millis(), exitStatus(status), status.message(),
                    agent));
        }
        afterEnd(name, succeeded);
    }

    /**
     * Applies Chronos' completion report of an attempt ({@code PUT /task/{taskId}}): status code 0 succeeds, any
     * other fails (and is retried while retries remain). Works for any active attempt, as in Chronos; a task still
     * running is left to finish on its own, and its later updates are ignored.
     *
     * @return false when no active attempt has this task id
     */
    boolean report(String taskId, int statusCode) {
        JobTable.Entry job = entryOf(taskId);
        if (job == null) {
            return false;
        }
        String name;
        boolean succeeded;
        synchronized (job) {
            name = job.spec.name();
            RunRecord run = job.state.active(taskId);
            if (run == null || job.deleted || run.phase() == RunRecord.Phase.QUEUED) {
                return false;
            }
            RunRecord.Phase phase = statusCode == 0 ? RunRecord.Phase.SUCCEEDED : RunRecord.Phase.FAILED;
            succeeded = end(job, run, run.moved(phase, clock.millis(), statusCode,
                    "reported with status code " + statusCode, null));
        }
        afterEnd(name, succeeded);
        return true;
    }

    /** Kills every attempt of a job (caller holds the lock): queued ones are withdrawn; no retry follows. */
    void killAll(JobTable.Entry job) {
        for (RunRecord run : job.state.active()) {
            killRequested.add(run.taskId());
            boolean withdrawn = run.phase() == RunRecord.Phase.QUEUED && launcher.withdraw(run.taskId());
            if (withdrawn || run.phase() == RunRecord.Phase.AWAITING_REPORT) {
                // nothing runs any more: the attempt ends here, without counting as an error
                RunRecord killed = run.moved(RunRecord.Phase.KILLED, clock.millis(), null,
                        withdrawn ? "killed before launch" : "killed while awaiting its report", null);
                killRequested.remove(run.taskId());
                job.state = job.state.finished(killed, false, clock.instant().toString());
                repository.putState(job.spec.name(), job.state);
                repository.putHistory(job.spec.name(), job.state.recent());
            } else if (run.phase() != RunRecord.Phase.QUEUED) {
                launcher.kill(run.taskId(), run.agentId());
            }
        }
    }

    /**
     * Ends an attempt (caller holds the lock): retries a failure while retries remain, else counts the run; the
     * history is written after the state, so a crash in between loses one history entry, never doubles a count.
     *
     * @return whether the run succeeded
     */
    private boolean end(JobTable.Entry job, RunRecord run, RunRecord ended) {
        String name = job.spec.name();
        boolean succeeded = ended.phase() == RunRecord.Phase.SUCCEEDED;
        boolean killed = killRequested.remove(run.taskId());
        boolean retry = !succeeded && !killed && run.attempt() < job.spec.retries();
        job.state = job.state.finished(ended, !retry, clock.instant().toString());
        if (retry) {
            metrics.retried();
            scheduler.enqueue(job, RunRecord.queued(name, run.due(), run.attempt() + 1, RunRecord.Cause.RETRY,
                    clock.millis(), run.arguments()));
        } else {
            repository.putState(name, job.state);
        }
        repository.putHistory(name, job.state.recent());
        if (!retry) {
            if (succeeded) {
                metrics.succeeded();
            } else {
                metrics.failed();
            }
        }
        return succeeded;
    }

    private void afterEnd(String name, boolean succeeded) {
        if (succeeded) {
            parentSucceeded(name);
        }
        scheduler.evaluateSoon(name);
    }

    /** Starts each child whose parents have now all succeeded since its last run (Chronos' edge counting). */
    private void parentSucceeded(String parent) {
        for (String childName : table.childrenOf(parent)) {
            JobTable.Entry child = table.get(childName);
            if (child == null) {
                continue;
            }
            synchronized (child) {
                if (child.deleted || !child.spec.parents().contains(parent)) {
                    continue;
                }
                Set<String> done = new LinkedHashSet<>(child.state.parentsSucceeded());
                done.add(parent);
                if (done.containsAll(child.spec.parents()) && !child.spec.disabled()) {
                    child.state = child.state.withParentsSucceeded(List.of());
                    long now = clock.millis();
                    scheduler.enqueue(child, RunRecord.queued(child.spec.name(), now, 0, RunRecord.Cause.DEPENDENCY,
                            now, null));
                } else {
                    child.state = child.state.withParentsSucceeded(List.copyOf(done));
                    repository.putState(child.spec.name(), child.state);
                }
            }
        }
    }

    private JobTable.Entry entryOf(String taskId) {
        return TaskIds.jobName(taskId).map(table::get).orElse(null);
    }

    private static RunRecord.Phase phase(TaskState state) {
        return switch (state) {
            case TASK_FINISHED -> RunRecord.Phase.SUCCEEDED;
            case TASK_KILLED -> RunRecord.Phase.KILLED;
            case TASK_LOST, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_UNKNOWN, TASK_UNREACHABLE ->
                    RunRecord.Phase.LOST;
            case TASK_FAILED, TASK_ERROR, TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_KILLING ->
                    RunRecord.Phase.FAILED;
        };
    }

    /** The exit status: 0 for TASK_FINISHED, else parsed from the executor's message when it gives one. */
    static Integer exitStatus(TaskStatus status) {
        if (status.state() == TaskState.TASK_FINISHED) {
            return 0;
        }
        if (status.message() != null) {
            Matcher m = EXIT.matcher(status.message());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }
}
