package io.strata.services.reconcile;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.HealthCheckDefinition;
import io.strata.services.model.Instance;
import io.strata.services.reconcile.Intents.Kill;
import io.strata.services.reconcile.Intents.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure reconciler of one app: (spec, observed instances, now) -> {@link Intents}.
 *
 * <p>Rules, applied in order:
 * <ol>
 *   <li>No spec (app removed): kill every live instance; converged once none is left.</li>
 *   <li>Unreachable instances follow the app's {@code unreachableStrategy} (Marathon): one unreachable for
 *       {@code inactiveAfterSeconds} stops counting, so a replacement starts; one unreachable for
 *       {@code expungeAfterSeconds} is expunged (forgotten; if it comes back it is an unknown task and killed). A
 *       {@code "disabled"} strategy never does either. An inactive instance that comes back counts again, and the
 *       surplus is killed like any other.</li>
 *   <li>Unhealthy instances (framework-run checks failed {@code maxConsecutiveFailures} times in a row) are
 *       killed and replaced, unless more than half of the running instances are unhealthy at once: then the
 *       circuit breaker holds every such kill back, so a broken dependency cannot make the app kill itself.</li>
 *   <li>While an upgrade runs, instances of an older configuration are replaced with Marathon's rolling
 *       arithmetic ({@link Capacity}): a ready old instance is killed only while at least {@code minHealthy}
 *       ready instances remain, and new ones start only up to {@code maxCapacity} instances in all.</li>
 *   <li>Otherwise the count is kept: surplus instances are killed (not yet running first, then unhealthy, then by
 *       {@code killSelection}) and missing ones launched. Launches wait for the backoff ({@code launchAllowedAt}).</li>
 * </ol>
 * Instances with a kill already requested are neither counted as instances nor killed again. Scaling never
 * launches more than {@code instances} minus the live instances, so the count is never overshot.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /**
     * The intents for one app.
     *
     * @param app the spec, or null when the app is being removed
     * @param observed the app's instances, any condition
     * @param upgrading whether a deployment replaces instances of older configurations
     * @param launchAllowedAt launches before this instant wait (backoff)
     * @param now the current time
     */
    public static Intents reconcile(AppDefinition app, List<Instance> observed, boolean upgrading,
            Instant launchAllowedAt, Instant now) {
        List<String> expunges = app == null ? List.of() : observed.stream()
                .filter(i -> UnreachableTimers.expunged(app.unreachableStrategy(), i, now))
                .map(Instance::taskId).toList();
        List<Instance> live = observed.stream()
                .filter(i -> !i.condition().isTerminal() && !expunges.contains(i.taskId())).toList();
        List<Instance> inactive = live.stream().filter(i -> i.killRequestedAt() == null && app != null
                && UnreachableTimers.inactive(app.unreachableStrategy(), i, now)).toList();
        List<Instance> active = live.stream().filter(i -> i.killRequestedAt() == null && !inactive.contains(i)).toList();
        // inactive unreachable instances neither count nor hold capacity: they may never come back
        int dying = live.size() - active.size() - inactive.size();
        if (app == null) {
            List<Kill> kills = active.stream().map(i -> new Kill(i.taskId(), Reason.STOP)).toList();
            boolean done = live.isEmpty();
            return new Intents(0, kills, done, false, done ? "" : "waiting for " + live.size() + " tasks to stop",
                    List.of());
        }
        boolean needsHealth = app.hasHealthChecks();
        List<Kill> kills = new ArrayList<>();
        List<Instance> unhealthy = active.stream().filter(i -> failedHealth(app, i)).toList();
        int running = (int) active.stream().filter(i -> i.condition() == Condition.RUNNING).count();
        boolean breakerOpen = unhealthy.size() > 1 && unhealthy.size() * 2 > running;
        if (!breakerOpen) {
            unhealthy.forEach(i -> kills.add(new Kill(i.taskId(), Reason.UNHEALTHY)));
            active = active.stream().filter(i -> !unhealthy.contains(i)).toList();
            dying += unhealthy.size();
        }
        List<Instance> old = upgrading
                ? active.stream().filter(i -> !i.configVersion().equals(app.lastConfigChangeAt())).toList()
                : List.of();
        int launch = old.isEmpty()
                ? scale(app, active, kills)
                : roll(app, active, old, dying, kills);
        boolean delayed = launch > 0 && now.isBefore(launchAllowedAt);
        if (delayed) {
            launch = 0;
        }
        Intents intents = summarize(app, active, old, kills, launch, dying, delayed, breakerOpen, unhealthy.size(),
                needsHealth, launchAllowedAt);
        String waiting = intents.converged() ? "" : UnreachableTimers.waiting(app.unreachableStrategy(), active, now)
                .map(w -> w + "; " + intents.waitingFor()).orElse(intents.waitingFor());
        return new Intents(intents.launch(), intents.kills(), intents.converged(), intents.breakerOpen(), waiting,
                expunges);
    }

    /** Keeps the count: returns how many to launch, adds surplus kills. */
    private static int scale(AppDefinition app, List<Instance> active, List<Kill> kills) {
        int surplus = active.size() - app.instances();
        if (surplus > 0) {
            active.stream().sorted(killOrder(app)).limit(surplus)
                    .forEach(i -> kills.add(new Kill(i.taskId(), Reason.SCALE_DOWN)));
            return 0;
        }
        return -surplus;
    }

    /** One round of a rolling replacement; returns how many new instances to launch. */
    private static int roll(AppDefinition app, List<Instance> active, List<Instance> old, int dying, List<Kill> kills) {
        boolean needsHealth = app.hasHealthChecks();
        int target = app.instances();
        int minHealthy = Capacity.minHealthy(target, app.upgradeStrategy());
        int maxCapacity = Capacity.maxCapacity(target, app.upgradeStrategy());
        List<Instance> fresh = active.stream().filter(i -> !old.contains(i)).toList();
        int freshReady = (int) fresh.stream().filter(i -> i.isReady(needsHealth)).count();
        List<Instance> oldReady = old.stream().filter(i -> i.isReady(needsHealth)).sorted(killOrder(app)).toList();
        // old instances that are not ready do not hold up capacity: replace them at once
        old.stream().filter(i -> !i.isReady(needsHealth)).forEach(i -> kills.add(new Kill(i.taskId(), Reason.UPGRADE)));
        int killReady = Math.min(oldReady.size(), Math.max(0, oldReady.size() + freshReady - minHealthy));
        oldReady.stream().limit(killReady).forEach(i -> kills.add(new Kill(i.taskId(), Reason.UPGRADE)));
        // instances killed in this round still occupy capacity until their kill completes
        int launch = Math.min(target - fresh.size(), maxCapacity - old.size() - fresh.size() - dying);
        return Math.max(0, launch);
    }

    private static Intents summarize(AppDefinition app, List<Instance> active, List<Instance> old, List<Kill> kills,
            int launch, int dying, boolean delayed, boolean breakerOpen, int unhealthy, boolean needsHealth,
            Instant launchAllowedAt) {
        int ready = (int) active.stream().filter(i -> i.isReady(needsHealth)).count();
        boolean converged = kills.isEmpty() && launch == 0 && !delayed && old.isEmpty() && dying == 0
                && active.size() == app.instances() && ready == app.instances();
        String waiting;
        if (converged) {
            waiting = "";
        } else if (breakerOpen) {
            waiting = "circuit breaker open: " + unhealthy + " of " + active.size()
                    + " instances unhealthy, not killing them";
        } else if (delayed) {
            waiting = "launch delayed by backoff until " + launchAllowedAt;
        } else if (!old.isEmpty()) {
            waiting = "replacing " + old.size() + " old instances; " + ready + " of " + app.instances()
                    + (needsHealth ? " healthy" : " running");
        } else if (dying > 0 || !kills.isEmpty()) {
            waiting = "waiting for " + (dying + kills.size()) + " instances to be killed";
        } else {
            waiting = "waiting for " + app.instances() + " instances to be " + (needsHealth ? "healthy" : "running")
                    + ": " + ready + " are, " + (active.size() + launch - ready) + " pending";
        }
        return new Intents(launch, kills, converged, breakerOpen, waiting, List.of());
    }

    /** Whether a framework-run check has failed the instance {@code maxConsecutiveFailures} times in a row. */
    private static boolean failedHealth(AppDefinition app, Instance instance) {
        if (instance.condition() != Condition.RUNNING || !Boolean.FALSE.equals(instance.healthy())) {
            return false;
        }
        List<HealthCheckDefinition> checks = app.healthChecks().stream().filter(h -> h.protocol().runsInFramework())
                .toList();
        if (!instance.healthResults().isEmpty()) {
            // each check against its own limit
            return instance.healthResults().stream().anyMatch(r -> r.index() < checks.size()
                    && checks.get(r.index()).maxConsecutiveFailures() > 0
                    && r.consecutiveFailures() >= checks.get(r.index()).maxConsecutiveFailures());
        }
        int limit = checks.stream().mapToInt(HealthCheckDefinition::maxConsecutiveFailures).filter(n -> n > 0)
                .min().orElse(0);
        return limit > 0 && instance.consecutiveFailures() >= limit;
    }

    /** Not yet running first, then unhealthy, then by the app's kill selection; ties by task id. */
    static Comparator<Instance> killOrder(AppDefinition app) {
        Comparator<Instance> byAge = Comparator.comparing(Instance::stagedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
        if (app.killSelection() == AppDefinition.KillSelection.YOUNGEST_FIRST) {
            byAge = byAge.reversed();
        }
        return Comparator.<Instance>comparingInt(i -> i.condition() == Condition.RUNNING ? 1 : 0)
                .thenComparingInt(i -> Boolean.FALSE.equals(i.healthy()) ? 0 : 1)
                .thenComparing(byAge)
                .thenComparing(Instance::taskId);
    }
}
