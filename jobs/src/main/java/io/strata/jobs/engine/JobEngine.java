package io.strata.jobs.engine;

import io.strata.api.mesos.TaskStatus;
import io.strata.jobs.model.InvalidJobException;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.JobState;
import io.strata.jobs.model.RunRecord;
import io.strata.jobs.store.JobRepository;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs jobs for the leading instance: schedules, dependencies, retries, async completion reports and history.
 *
 * <p>Each job's spec and state are changed under that job's lock and written to the repository before the
 * change takes effect; in particular a slot's cursor and its QUEUED attempt are written together before the
 * attempt goes to the launcher, and an attempt is written as LAUNCHED before it is sent to the master, so a
 * failover neither repeats a slot nor loses a launched task. The work is split by role: {@link JobTable} holds
 * the jobs and the dependency index, {@link ScheduleRunner} decides when a scheduled job runs, and
 * {@link RunOutcomes} follows each attempt to its end.
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once. Thread-safe.
 */
public final class JobEngine implements AutoCloseable {
    private final JobRepository repository;
    private final TaskLauncher launcher;
    private final InstantSource clock;
    private final JobTable table = new JobTable();
    private final ScheduleRunner scheduler;
    private final RunOutcomes outcomes;

    /** A read-only view of one job. */
    public record View(JobSpec spec, JobState state) {
    }

    /** An engine over a repository and a launcher; nothing happens before {@link #start}. */
    public JobEngine(JobRepository repository, TaskLauncher launcher, InstantSource clock, JobMetrics metrics) {
        this.repository = repository;
        this.launcher = launcher;
        this.clock = clock;
        this.scheduler = new ScheduleRunner(table, repository, launcher, clock, metrics);
        this.outcomes = new RunOutcomes(table, scheduler, repository, launcher, clock, metrics);
    }

    /**
     * Loads every job, requeues attempts that were queued but never launched, and plans each schedule.
     *
     * @return the attempts that were launched before (to reconcile with the master)
     */
    public List<RunRecord> start() {
        for (JobRepository.StoredJob stored : repository.loadAll().values()) {
            table.load(stored.spec(), stored.state());
            for (RunRecord run : stored.state().active()) {
                if (run.phase() == RunRecord.Phase.QUEUED) {
                    launcher.launch(stored.spec(), run);
                }
            }
        }
        table.names().forEach(scheduler::evaluateSoon);
        return launchedAttempts();
    }

    /**
     * Creates or replaces a job; its schedule state (cursor, history) is kept on replacement.
     *
     * @throws InvalidJobException for unknown parents or a dependency cycle
     */
    public void put(JobSpec spec) {
        for (String parent : spec.parents()) {
            if (parent.equals(spec.name())) {
                throw new InvalidJobException("parents", "a job cannot depend on itself");
            }
            if (!table.contains(parent)) {
                throw new InvalidJobException("parents", "parent job '" + parent + "' does not exist");
            }
        }
        if (table.reaches(spec.parents(), spec.name())) {
            throw new InvalidJobException("parents", "the dependency would form a cycle through '" + spec.name() + "'");
        }
        JobTable.Entry job = table.getOrCreate(spec);
        synchronized (job) {
            try {
                repository.putJob(spec);
            } catch (RuntimeException e) {
                if (job.spec == spec) {
                    table.remove(spec.name(), job); // a new job that was never stored
                }
                throw e;
            }
            boolean scheduleChanged = job.spec != spec && (!Objects.equals(job.spec.schedule(), spec.schedule())
                    || !Objects.equals(job.spec.cron(), spec.cron()));
            job.deleted = false;
            table.link(job.spec == spec ? null : job.spec, spec);
            job.spec = spec;
            if (scheduleChanged) {
                // a new schedule starts afresh: its past slots are skipped forward, not counted as missed
                job.state = job.state.scheduled(null, 0);
                repository.putState(spec.name(), job.state);
            }
        }
        scheduler.evaluateSoon(spec.name());
    }

    /**
     * Deletes a job, withdrawing its queued attempts and killing its running ones; its children depend on its
     * parents instead, or take over its schedule when it had none. Returns false if there was no such job.
     */
    public boolean delete(String name) {
        JobTable.Entry job = table.get(name);
        if (job == null) {
            return false;
        }
        JobSpec removed;
        synchronized (job) {
            removed = job.spec;
            outcomes.killAll(job);
            repository.delete(name);
            job.deleted = true;
            ScheduleRunner.cancelTimer(job);
            table.remove(name, job);
            table.link(removed, null);
        }
        for (String childName : table.childrenOf(name)) {
            reparent(childName, removed);
        }
        return true;
    }

    /** Makes a child of the deleted job {@code removed} depend on its parents, or take over its schedule. */
    private void reparent(String childName, JobSpec removed) {
        JobTable.Entry child = table.get(childName);
        if (child == null) {
            return;
        }
        synchronized (child) {
            if (!child.spec.parents().contains(removed.name())) {
                return;
            }
            List<String> parents = new ArrayList<>(child.spec.parents());
            parents.remove(removed.name());
            removed.parents().stream().filter(p -> !parents.contains(p)).forEach(parents::add);
            JobSpec before = child.spec;
            child.spec = child.spec.withParents(parents, removed.schedule(), removed.cron());
            repository.putJob(child.spec);
            table.link(before, child.spec);
        }
        scheduler.evaluateSoon(childName);
    }

    /**
     * Starts a run now, outside the schedule. Returns false if there is no such job.
     *
     * @param arguments extra arguments (Chronos' {@code ?arguments=}), or null
     */
    public boolean runNow(String name, String arguments) {
        JobTable.Entry job = table.get(name);
        if (job == null) {
            return false;
        }
        synchronized (job) {
            long now = clock.millis();
            scheduler.enqueue(job, RunRecord.queued(name, now, 0, RunRecord.Cause.MANUAL, now, arguments));
        }
        return true;
    }

    /** Kills every attempt of a job (queued ones are withdrawn); no retry follows. False if there is no job. */
    public boolean kill(String name) {
        JobTable.Entry job = table.get(name);
        if (job == null) {
            return false;
        }
        synchronized (job) {
            outcomes.killAll(job);
        }
        return true;
    }

    /**
     * Chronos' completion report of an attempt ({@code PUT /task/{taskId}} with {@code {"statusCode": n}}), meant
     * for {@code async} jobs: 0 marks the run successful (and triggers dependents), anything else failed.
     *
     * @return false when no launched attempt has this task id
     */
    public boolean report(String taskId, int statusCode) {
        return outcomes.report(taskId, statusCode);
    }

    /** Every job, by name. */
    public List<View> jobs() {
        return table.views();
    }

    /** One job, if it exists. */
    public Optional<View> job(String name) {
        JobTable.Entry job = table.get(name);
        if (job == null) {
            return Optional.empty();
        }
        synchronized (job) {
            return Optional.of(new View(job.spec, job.state));
        }
    }

    /**
     * Attempts sent to the master and not yet ended, to reconcile after a (re)subscription; an async attempt
     * whose task finished and that awaits its report is not among them (the master has nothing left to say).
     */
    public List<RunRecord> launchedAttempts() {
        List<RunRecord> out = new ArrayList<>();
        for (JobTable.Entry job : table.entries()) {
            synchronized (job) {
                job.state.active().stream().filter(r -> r.phase() != RunRecord.Phase.QUEUED
                        && r.phase() != RunRecord.Phase.AWAITING_REPORT).forEach(out::add);
            }
        }
        return out;
    }

    /** Plans a scheduled job now (tests call it to force a look at the clock). */
    void evaluate(String name) {
        scheduler.evaluate(name);
    }

    /**
     * Records that an attempt is about to be sent to the master on {@code agentId}; returns false when it must
     * not be sent (its job is gone, it was killed, or the write failed).
     */
    public boolean markLaunched(String taskId, String agentId) {
        return outcomes.markLaunched(taskId, agentId);
    }

    /** Applies a task status update from the master; unknown and repeated updates are ignored. */
    public void onStatus(TaskStatus status) {
        outcomes.onStatus(status);
    }

    /** Stops the timers; the state stays in the repository. */
    @Override
    public void close() {
        scheduler.close();
    }
}
