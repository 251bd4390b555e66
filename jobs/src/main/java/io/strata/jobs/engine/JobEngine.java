package io.strata.jobs.engine;

import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.jobs.model.InvalidJobException;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.JobState;
import io.strata.jobs.model.RunRecord;
import io.strata.jobs.model.TaskIds;
import io.strata.jobs.schedule.Plan;
import io.strata.jobs.schedule.SchedulePlanner;
import io.strata.jobs.schedule.Trigger;
import io.strata.jobs.store.JobRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: schedules, dependencies, retries and history, for the leading instance.
 *
 * <p>Each job's spec and state are changed under that job's lock and written to the repository before the
 * change takes effect; in particular a slot's cursor and its QUEUED attempt are written together before the
 * attempt goes to the launcher, and an attempt is written as LAUNCHED before it is sent to the master, so a
 * failover neither repeats a slot nor loses a launched task. Timers only decide when to look at a job; what to
 * do is decided by {@link SchedulePlanner} from the stored state and the clock.
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once. Thread-safe.
 */
public final class JobEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final long RETRY_MILLIS = 5_000;
    private static final Pattern EXIT = Pattern.compile("exited with status (\\d+)");

    private final JobRepository repository;
    private final TaskLauncher launcher;
    private final InstantSource clock;
    private final JobMetrics metrics;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> killRequested = ConcurrentHashMap.newKeySet();
    /** Dependent jobs by parent name, so a success does not scan every job. */
    private final Map<String, Set<String>> children = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("strata-jobs-timer").daemon().factory());
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    /** One job: its spec, state and pending timer, guarded by the object's monitor. */
    private static final class Job {
        JobSpec spec;
        JobState state;
        ScheduledFuture<?> wakeUp;
        boolean deleted;

        Job(JobSpec spec, JobState state) {
            this.spec = spec;
            this.state = state;
        }
    }

    /** A read-only view of one job. */
    public record View(JobSpec spec, JobState state) {
    }

    /** An engine over a repository and a launcher; nothing happens before {@link #start}. */
    public JobEngine(JobRepository repository, TaskLauncher launcher, InstantSource clock, JobMetrics metrics) {
        this.repository = repository;
        this.launcher = launcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Loads every job, requeues attempts that were queued but never launched, and plans each schedule.
     *
     * @return the attempts that were launched before (to reconcile with the master)
     */
    public List<RunRecord> start() {
        List<RunRecord> launched = new ArrayList<>();
        for (JobRepository.StoredJob stored : repository.loadAll().values()) {
            Job job = new Job(stored.spec(), stored.state());
            jobs.put(stored.spec().name(), job);
            link(null, stored.spec());
            for (RunRecord run : stored.state().active()) {
                if (run.phase() == RunRecord.Phase.QUEUED) {
                    launcher.launch(stored.spec(), run);
                } else {
                    launched.add(run);
                }
            }
        }
        jobs.keySet().forEach(this::evaluateSoon);
        return launched;
    }

    // ---- API operations ----------------------------------------------------------------------------------

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
            if (!jobs.containsKey(parent)) {
                throw new InvalidJobException("parents", "parent job '" + parent + "' does not exist");
            }
        }
        if (reaches(spec.parents(), spec.name())) {
            throw new InvalidJobException("parents", "the dependency would form a cycle through '" + spec.name() + "'");
        }
        Job job = jobs.computeIfAbsent(spec.name(), n -> new Job(spec, JobState.initial()));
        synchronized (job) {
            try {
                repository.putJob(spec);
            } catch (RuntimeException e) {
                if (job.spec == spec) {
                    jobs.remove(spec.name(), job); // a new job that was never stored
                }
                throw e;
            }
            boolean scheduleChanged = job.spec != spec && (!java.util.Objects.equals(job.spec.schedule(),
                    spec.schedule()) || !java.util.Objects.equals(job.spec.cron(), spec.cron()));
            job.deleted = false;
            link(job.spec, spec);
            job.spec = spec;
            if (scheduleChanged) {
                // a new schedule starts afresh: its past slots are skipped forward, not counted as missed
                job.state = job.state.scheduled(null, 0);
                repository.putState(spec.name(), job.state);
            }
        }
        evaluateSoon(spec.name());
    }

    /** Updates the children index for a job whose spec changes from {@code before} to {@code after}. */
    private void link(JobSpec before, JobSpec after) {
        if (before != null) {
            before.parents().forEach(p -> children.computeIfPresent(p, (k, set) -> {
                set.remove(before.name());
                return set.isEmpty() ? null : set;
            }));
        }
        if (after != null) {
            after.parents().forEach(p -> children.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet())
                    .add(after.name()));
        }
    }

    /** Whether any job reachable upward from {@code parents} is {@code target}. */
    private boolean reaches(List<String> parents, String target) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(parents);
        while (!todo.isEmpty()) {
            String next = todo.removeLast();
            if (next.equals(target)) {
                return true;
            }
            Job job = jobs.get(next);
            if (job != null && seen.add(next)) {
                todo.addAll(job.spec.parents());
            }
        }
        return false;
    }

    /**
     * Deletes a job, withdrawing its queued attempts and killing its running ones; its children depend on its
     * parents instead, or take over its schedule when it had none. Returns false if there was no such job.
     */
    public boolean delete(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return false;
        }
        JobSpec removed;
        synchronized (job) {
            removed = job.spec;
            killAll(job);
            repository.delete(name);
            job.deleted = true;
            cancelTimer(job);
            jobs.remove(name);
            link(removed, null);
        }
        for (String childName : Set.copyOf(children.getOrDefault(name, Set.of()))) {
            Job child = jobs.get(childName);
            if (child == null) {
                continue;
            }
            synchronized (child) {
                if (!child.spec.parents().contains(name)) {
                    continue;
                }
                List<String> parents = new ArrayList<>(child.spec.parents());
                parents.remove(name);
                removed.parents().stream().filter(p -> !parents.contains(p)).forEach(parents::add);
                JobSpec before = child.spec;
                child.spec = child.spec.withParents(parents, removed.schedule(), removed.cron());
                repository.putJob(child.spec);
                link(before, child.spec);
            }
            evaluateSoon(child.spec.name());
        }
        return true;
    }

    /**
     * Starts a run now, outside the schedule. Returns false if there is no such job.
     *
     * @param arguments extra arguments (Chronos' {@code ?arguments=}), or null
     */
    public boolean runNow(String name, String arguments) {
        Job job = jobs.get(name);
        if (job == null) {
            return false;
        }
        synchronized (job) {
            long now = clock.millis();
            queue(job, RunRecord.queued(name, now, 0, RunRecord.Cause.MANUAL, now, arguments));
        }
        return true;
    }

    /** Kills every attempt of a job (queued ones are withdrawn); no retry follows. False if there is no job. */
    public boolean kill(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return false;
        }
        synchronized (job) {
            killAll(job);
        }
        return true;
    }

    private void killAll(Job job) {
        for (RunRecord run : job.state.active()) {
            killRequested.add(run.taskId());
            if (run.phase() == RunRecord.Phase.QUEUED && launcher.withdraw(run.taskId())) {
                RunRecord killed = run.moved(RunRecord.Phase.KILLED, clock.millis(), null, "killed before launch",
                        null);
                job.state = job.state.finished(killed, false, iso());
                repository.putState(job.spec.name(), job.state);
                repository.putHistory(job.spec.name(), job.state.recent());
            } else if (run.phase() != RunRecord.Phase.QUEUED) {
                launcher.kill(run.taskId(), run.agentId());
            }
        }
    }

    /** Every job, by name. */
    public List<View> jobs() {
        Map<String, View> sorted = new TreeMap<>();
        for (Map.Entry<String, Job> e : jobs.entrySet()) {
            synchronized (e.getValue()) {
                sorted.put(e.getKey(), new View(e.getValue().spec, e.getValue().state));
            }
        }
        return List.copyOf(sorted.values());
    }

    /** One job, if it exists. */
    public Optional<View> job(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return Optional.empty();
        }
        synchronized (job) {
            return Optional.of(new View(job.spec, job.state));
        }
    }

    /** Attempts sent to the master and not yet ended, to reconcile after a (re)subscription. */
    public List<RunRecord> launchedAttempts() {
        List<RunRecord> out = new ArrayList<>();
        for (Job job : jobs.values()) {
            synchronized (job) {
                job.state.active().stream().filter(r -> r.phase() != RunRecord.Phase.QUEUED).forEach(out::add);
            }
        }
        return out;
    }

    // ---- scheduling --------------------------------------------------------------------------------------

    private void evaluateSoon(String name) {
        if (closed) {
            return;
        }
        try {
            work.execute(() -> evaluate(name));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the next leader plans this job from the stored state
        }
    }

    private void later(Runnable task, long delayMillis) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Plans a scheduled job now: starts or skips due slots, and sets the timer for the next one. */
    void evaluate(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return;
        }
        try {
            synchronized (job) {
                if (job.deleted) {
                    return;
                }
                cancelTimer(job);
                Optional<Trigger> trigger = job.spec.trigger();
                if (trigger.isEmpty()) {
                    return;
                }
                Instant now = clock.instant();
                boolean mayStart = !job.spec.disabled() && (job.spec.concurrent() || !job.state.busy());
                Plan plan = SchedulePlanner.plan(trigger.get(), job.spec.epsilon(), cursor(job.state), mayStart, now);
                apply(job, plan, now);
                if (plan.next().isPresent() && !closed) {
                    long delay = Math.max(0, plan.next().get().toEpochMilli() - now.toEpochMilli());
                    try {
                        job.wakeUp = timer.schedule(() -> evaluateSoon(name), delay, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        // closed meanwhile
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("planning job {} failed; retrying in 5 s", name, e);
                later(() -> evaluateSoon(name), RETRY_MILLIS);
            }
        }
    }

    private static Instant cursor(JobState state) {
        return state.cursor() == null ? null : Instant.ofEpochMilli(state.cursor());
    }

    /** Persists the plan's cursor and skips, with the run it starts, then hands the run on. */
    private void apply(Job job, Plan plan, Instant now) {
        Long cursor = plan.cursor() == null ? null : plan.cursor().toEpochMilli();
        if (java.util.Objects.equals(cursor, job.state.cursor()) && plan.skipped() == 0 && plan.run().isEmpty()) {
            return;
        }
        JobState next = job.state.scheduled(cursor, plan.skipped());
        RunRecord run = null;
        if (plan.run().isPresent()) {
            run = RunRecord.queued(job.spec.name(), plan.run().get().toEpochMilli(), 0, RunRecord.Cause.SCHEDULE,
                    now.toEpochMilli(), null);
            next = next.withQueued(run);
        }
        repository.putState(job.spec.name(), next);
        job.state = next;
        metrics.skipped(plan.skipped());
        if (run != null) {
            metrics.triggerSlip(Duration.between(plan.run().get(), now));
            launcher.launch(job.spec, run);
        }
    }

    private void queue(Job job, RunRecord run) {
        JobState next = job.state.withQueued(run);
        repository.putState(job.spec.name(), next);
        job.state = next;
        launcher.launch(job.spec, run);
    }

    private static void cancelTimer(Job job) {
        if (job.wakeUp != null) {
            job.wakeUp.cancel(false);
            job.wakeUp = null;
        }
    }

    // ---- launcher callbacks ------------------------------------------------------------------------------

    /**
     * Records that an attempt is about to be sent to the master on {@code agentId}; returns false when it must
     * not be sent (its job is gone, it was killed, or the write failed).
     */
    public boolean markLaunched(String taskId, String agentId) {
        Job job = TaskIds.jobName(taskId).map(jobs::get).orElse(null);
        if (job == null || killRequested.contains(taskId)) {
            return false;
        }
        synchronized (job) {
            RunRecord run = job.state.active(taskId);
            if (run == null || run.phase() != RunRecord.Phase.QUEUED || job.deleted) {
                return false;
            }
            long now = clock.millis();
            JobState next = job.state.withActive(taskId, r -> r.launched(now, agentId));
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

    /** Applies a task status update from the master; unknown and repeated updates are ignored. */
    public void onStatus(TaskStatus status) {
        String taskId = status.taskId().value();
        Job job = TaskIds.jobName(taskId).map(jobs::get).orElse(null);
        if (job == null) {
            return;
        }
        boolean succeeded = false;
        String name;
        synchronized (job) {
            name = job.spec.name();
            RunRecord run = job.state.active(taskId);
            if (run == null || job.deleted) {
                return;
            }
            String agent = status.agentId() == null ? null : status.agentId().value();
            TaskState state = status.state();
            if (!state.isTerminal()) {
                if (state == TaskState.TASK_RUNNING && run.phase() != RunRecord.Phase.RUNNING) {
                    // kept in memory only: after a failover, reconciliation reports RUNNING again; this saves
                    // one store write per run
                    job.state = job.state.withActive(taskId,
                            r -> r.moved(RunRecord.Phase.RUNNING, null, null, status.message(), agent));
                }
                return;
            }
            RunRecord ended = run.moved(phase(state), clock.millis(), exitStatus(status), status.message(), agent);
            succeeded = ended.phase() == RunRecord.Phase.SUCCEEDED;
            boolean killed = killRequested.remove(taskId);
            boolean retry = !succeeded && !killed && run.attempt() < job.spec.retries();
            job.state = job.state.finished(ended, !retry, iso());
            if (retry) {
                metrics.retried();
                RunRecord again = RunRecord.queued(name, run.due(), run.attempt() + 1, RunRecord.Cause.RETRY,
                        clock.millis(), run.arguments());
                queue(job, again);
            } else {
                repository.putState(name, job.state);
            }
            // after the state: a crash in between loses one history entry, never doubles a count
            repository.putHistory(name, job.state.recent());
            if (!retry) {
                if (succeeded) {
                    metrics.succeeded();
                } else {
                    metrics.failed();
                }
            }
        }
        if (succeeded) {
            parentSucceeded(name);
        }
        evaluateSoon(name);
    }

    /** Starts each child whose parents have now all succeeded since its last run (Chronos' edge counting). */
    private void parentSucceeded(String parent) {
        for (String childName : Set.copyOf(children.getOrDefault(parent, Set.of()))) {
            Job child = jobs.get(childName);
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
                    queue(child, RunRecord.queued(child.spec.name(), now, 0, RunRecord.Cause.DEPENDENCY, now, null));
                } else {
                    child.state = child.state.withParentsSucceeded(List.copyOf(done));
                    repository.putState(child.spec.name(), child.state);
                }
            }
        }
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

    private String iso() {
        return clock.instant().toString();
    }

    /** Stops the timers; the state stays in the repository. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        work.shutdownNow();
    }
}
