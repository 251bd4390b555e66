package io.strata.jobs.model;

import io.strata.jobs.schedule.CronTrigger;
import io.strata.jobs.schedule.Schedules;
import io.strata.jobs.schedule.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job definition with Chronos' fields and defaults (see dcos-specs.md section 3). Exactly one of
 * {@code schedule}, {@code cron} or a non-empty {@code parents} is set: a scheduled job, a cron job (Strata
 * extension) or a dependent job.
 *
 * @param name the job name (letters, digits, spaces, {@code . # _ -})
 * @param command the command (a shell line when {@code shell}, else the executable)
 * @param shell whether {@code command} runs under {@code /bin/sh -c}
 * @param arguments argv after the executable when not {@code shell}
 * @param container an image to run in, or null
 * @param schedule {@code R[n]/start/period} with the start made explicit at creation, or null
 * @param scheduleTimeZone the zone the schedule is read in, or empty
 * @param cron a Unix cron expression, or null
 * @param epsilon how late a missed run may still start
 * @param parents the jobs this one depends on
 * @param retries extra attempts after a failure
 * @param async whether the run's outcome comes from {@code PUT /task/{id}} rather than the task's exit (Chronos)
 * @param disabled never run
 * @param softError failures do not disable the job (accepted; Strata never disables on errors)
 * @param concurrent whether a run may start while the previous one is still active
 * @param cpus cpus per task
 * @param mem MB of memory per task
 * @param disk MB of disk per task
 * @param owner an e-mail address, informational
 * @param ownerName informational
 * @param description informational
 * @param runAsUser the user tasks run as, or empty
 * @param environmentVariables environment of the task
 * @param uris URIs fetched into the sandbox
 * @param constraints {@code [attribute, EQUALS|LIKE|UNLIKE, value]} triples
 */
public record JobSpec(String name, String command, boolean shell, List<String> arguments, Container container,
                      String schedule, String scheduleTimeZone, String cron, Duration epsilon, List<String> parents,
                      int retries, boolean async, boolean disabled, boolean softError, boolean concurrent,
                      double cpus, double mem, double disk, String owner, String ownerName, String description,
                      String runAsUser, List<EnvironmentVariable> environmentVariables, List<String> uris,
                      List<List<String>> constraints) {
    /** Chronos' job name pattern ({@code JobUtils.jobNamePattern}). */
    public static final Pattern NAME = Pattern.compile("[\\w\\s.#_-]+");
    /** Chronos' default epsilon ({@code --task_epsilon}). */
    public static final Duration DEFAULT_EPSILON = Duration.ofSeconds(60);

    /** An image to run the task in. */
    public record Container(String type, String image, String network, boolean forcePullImage,
                            List<Volume> volumes) {
        /** Copies the volumes. */
        public Container {
            volumes = List.copyOf(volumes);
        }
    }

    /** A host path mounted into the container. */
    public record Volume(String hostPath, String containerPath, String mode) {
    }

    /** One environment variable. */
    public record EnvironmentVariable(String name, String value) {
    }

    /** Validates the invariants the reader already checked with friendlier messages; copies the lists. */
    public JobSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid job name '" + name + "'");
        }
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
        parents = List.copyOf(parents);
        environmentVariables = List.copyOf(environmentVariables);
        uris = List.copyOf(uris);
        constraints = constraints.stream().map(List::copyOf).toList();
        scheduleTimeZone = scheduleTimeZone == null ? "" : scheduleTimeZone;
        int kinds = (schedule != null ? 1 : 0) + (cron != null ? 1 : 0) + (parents.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a job has exactly one of schedule, cron or parents");
        }
    }

    /** Whether the job runs after its parents rather than on a schedule. */
    public boolean dependent() {
        return !parents.isEmpty();
    }

    /** The job's trigger; empty for a dependent job. */
    public Optional<Trigger> trigger() {
        if (schedule != null) {
            return Optional.of(Schedules.parse(schedule, scheduleTimeZone, Instant.EPOCH));
        }
        if (cron != null) {
            return Optional.of(new CronTrigger(cron, Schedules.zone(scheduleTimeZone)));
        }
        return Optional.empty();
    }

    /**
     * This job depending on {@code newParents} instead; with none left it takes {@code fallbackSchedule} or
     * {@code fallbackCron} (its deleted parent's).
     */
    public JobSpec withParents(List<String> newParents, String fallbackSchedule, String fallbackCron) {
        boolean dependentNow = !newParents.isEmpty();
        return new JobSpec(name, command, shell, arguments, container, dependentNow ? null : fallbackSchedule,
                scheduleTimeZone, dependentNow ? null : fallbackCron, epsilon, newParents, retries, async, disabled, softError, concurrent, cpus,
                mem, disk, owner, ownerName, description, runAsUser, environmentVariables, uris, constraints);
    }
}
