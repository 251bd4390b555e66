package io.strata.jobs.engine;

import io.strata.jobs.model.RunRecord;
import io.strata.jobs.schedule.Plan;
import io.strata.jobs.schedule.SchedulePlanner;
import io.strata.jobs.schedule.Trigger;
import io.strata.jobs.store.JobRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to look at a scheduled job and applies what {@link SchedulePlanner} says from the stored state and
 * the clock: a due slot's cursor and its QUEUED attempt are written together before the attempt goes to the
 * launcher, so a failover never repeats a slot. Timers only wake a job up; a failed evaluation is retried in 5 s.
 */
final class ScheduleRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final long RETRY_MILLIS = 5_000;

    private final JobTable table;
    private final JobRepository repository;
    private final TaskLauncher launcher;
    private final InstantSource clock;
    private final JobMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("strata-jobs-timer").daemon().factory());
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    ScheduleRunner(JobTable table, JobRepository repository, TaskLauncher launcher, InstantSource clock,
            JobMetrics metrics) {
        this.table = table;
        this.repository = repository;
        this.launcher = launcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Evaluates the job soon on a worker thread (no-op once closed). */
    void evaluateSoon(String name) {
        if (closed) {
            return;
        }
        try {
            work.execute(() -> evaluate(name));
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the next leader plans this job from the stored state
        }
    }

    /** Plans a scheduled job now: starts or skips due slots, and sets the timer for the next one. */
    void evaluate(String name) {
        JobTable.Entry job = table.get(name);
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
                Plan plan = SchedulePlanner.plan(trigger.get(), job.spec.epsilon(), cursor(job), mayStart, now);
                apply(job, plan, now);
                if (plan.next().isPresent()) {
                    wakeUpAt(job, name, plan.next().get(), now);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("planning job {} failed; retrying in 5 s", name, e);
                later(() -> evaluateSoon(name), RETRY_MILLIS);
            }
        }
    }

    /** Persists {@code run} as QUEUED in the job's state, then hands it to the launcher (caller holds the lock). */
    void enqueue(JobTable.Entry job, RunRecord run) {
        var next = job.state.withQueued(run);
        repository.putState(job.spec.name(), next);
        job.state = next;
        launcher.launch(job.spec, run);
    }

    /** Cancels the job's pending wake-up (caller holds the lock). */
    static void cancelTimer(JobTable.Entry job) {
        if (job.wakeUp != null) {
            job.wakeUp.cancel(false);
            job.wakeUp = null;
        }
    }

    private void wakeUpAt(JobTable.Entry job, String name, Instant at, Instant now) {
        if (closed) {
            return;
        }
        long delay = Math.max(0, at.toEpochMilli() - now.toEpochMilli());
        try {
            job.wakeUp = timer.schedule(() -> evaluateSoon(name), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
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

    private static Instant cursor(JobTable.Entry job) {
        return job.state.cursor() == null ? null : Instant.ofEpochMilli(job.state.cursor());
    }

    /** Persists the plan's cursor and skips, with the run it starts, then hands the run on. */
    private void apply(JobTable.Entry job, Plan plan, Instant now) {
        Long cursor = plan.cursor() == null ? null : plan.cursor().toEpochMilli();
        if (Objects.equals(cursor, job.state.cursor()) && plan.skipped() == 0 && plan.run().isEmpty()) {
            return;
        }
        var next = job.state.scheduled(cursor, plan.skipped());
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

    /** Stops the timers; the state stays in the repository. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        work.shutdownNow();
    }
}
