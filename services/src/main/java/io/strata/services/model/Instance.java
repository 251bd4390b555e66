package io.strata.services.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One task of an app, as stored (one znode per instance) and shown by {@code /v2/tasks}.
 *
 * @param taskId Marathon's task id {@code <safe app id>.<uuid>}
 * @param appId the app
 * @param version the app version the task was launched with
 * @param configVersion the app's {@code lastConfigChangeAt} at launch: tasks of older config are replaced
 * @param agentId the agent
 * @param host the agent's hostname
 * @param ports the host ports
 * @param servicePorts the app's service ports at launch
 * @param condition current condition
 * @param stagedAt when the instance was created
 * @param startedAt when it first ran, or null
 * @param killRequestedAt when the framework asked to kill it, or null
 * @param healthy last health verdict, or null when unknown or the app has no checks
 * @param consecutiveFailures framework-run health-check failures in a row
 * @param lastHealthSuccess last passing check, or null
 * @param lastHealthFailure last failing check, or null
 * @param message last status message, or null
 * @param healthResults one entry per framework-run check probed so far, by check index (memory only)
 * @param unreachableSince when the instance became unreachable, or null unless it is; the unreachable strategy's
 *     timers count from here
 */
public record Instance(String taskId, PathId appId, Instant version, Instant configVersion, String agentId,
        String host, List<Long> ports, List<Integer> servicePorts, Condition condition, Instant stagedAt,
        Instant startedAt, Instant killRequestedAt, Boolean healthy, int consecutiveFailures,
        Instant lastHealthSuccess, Instant lastHealthFailure, String message, List<HealthResult> healthResults,
        Instant unreachableSince) {

    /** Copies the port lists. */
    public Instance {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(condition, "condition");
        ports = ports == null ? List.of() : List.copyOf(ports);
        servicePorts = servicePorts == null ? List.of() : List.copyOf(servicePorts);
        healthResults = healthResults == null ? List.of() : List.copyOf(healthResults);
    }

    /** Whether the instance counts as alive (not terminal, no kill requested). */
    public boolean isActive() {
        return !condition.isTerminal() && killRequestedAt == null;
    }

    /** Whether the instance is running and, if {@code needsHealth}, healthy. */
    public boolean isReady(boolean needsHealth) {
        return condition == Condition.RUNNING && (!needsHealth || Boolean.TRUE.equals(healthy));
    }

    /**
     * The same instance in another condition at {@code startedAtIfRunning} (the time of the change): the first
     * RUNNING sets {@code startedAt}, entering UNREACHABLE sets {@code unreachableSince}, leaving it clears it.
     */
    public Instance withCondition(Condition next, Instant startedAtIfRunning, String newMessage) {
        Instant unreachable = next != Condition.UNREACHABLE ? null
                : condition == Condition.UNREACHABLE && unreachableSince != null ? unreachableSince : startedAtIfRunning;
        Instant started = startedAt == null && next == Condition.RUNNING ? startedAtIfRunning : startedAt;
        return new Instance(taskId, appId, version, configVersion, agentId, host, ports, servicePorts, next,
                stagedAt, started, killRequestedAt, healthy, consecutiveFailures, lastHealthSuccess,
                lastHealthFailure, newMessage, healthResults, unreachable);
    }

    /** The same instance marked for killing at {@code at}. */
    public Instance withKillRequested(Instant at) {
        return new Instance(taskId, appId, version, configVersion, agentId, host, ports, servicePorts, condition,
                stagedAt, startedAt, at, healthy, consecutiveFailures, lastHealthSuccess, lastHealthFailure, message,
                healthResults, unreachableSince);
    }

    /** The same instance with a new health verdict. */
    public Instance withHealth(Boolean nowHealthy, int failures, Instant success, Instant failure) {
        return new Instance(taskId, appId, version, configVersion, agentId, host, ports, servicePorts, condition,
                stagedAt, startedAt, killRequestedAt, nowHealthy, failures, success, failure, message, healthResults,
                unreachableSince);
    }

    /**
     * The same instance after one probe of framework-run check {@code index} of {@code checkCount}: the verdict is
     * false when any check's last probe failed, true when every check has passed its last probe, else unknown;
     * {@code consecutiveFailures} is the largest count over the checks.
     */
    public Instance withProbe(int index, int checkCount, boolean passed, Instant at, String cause) {
        List<HealthResult> results = new java.util.ArrayList<>(healthResults.stream()
                .filter(r -> r.index() != index && r.index() < checkCount).toList());
        HealthResult previous = healthResults.stream().filter(r -> r.index() == index).findFirst().orElse(null);
        results.add(HealthResult.next(previous, index, passed, at, cause));
        results.sort(java.util.Comparator.comparingInt(HealthResult::index));
        boolean anyFailing = results.stream().anyMatch(r -> !r.alive());
        Boolean verdict = anyFailing ? Boolean.FALSE : results.size() == checkCount ? Boolean.TRUE : null;
        int failures = results.stream().mapToInt(HealthResult::consecutiveFailures).max().orElse(0);
        return new Instance(taskId, appId, version, configVersion, agentId, host, ports, servicePorts, condition,
                stagedAt, startedAt, killRequestedAt, verdict, failures, passed ? at : lastHealthSuccess,
                passed ? lastHealthFailure : at, message, results, unreachableSince);
    }

    /** The same instance with its framework-run health forgotten (unknown until probed again). */
    public Instance withoutHealth() {
        return new Instance(taskId, appId, version, configVersion, agentId, host, ports, servicePorts, condition,
                stagedAt, startedAt, killRequestedAt, null, 0, null, null, message, List.of(), unreachableSince);
    }
}
