package io.strata.services.reconcile;

import io.strata.services.model.AppDefinition.UnreachableStrategy;
import io.strata.services.model.Condition;
import io.strata.services.model.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Marathon's unreachable strategy as pure time arithmetic: an instance unreachable since {@code t} is inactive
 * (replaced) from {@code t + inactiveAfterSeconds} and expunged from {@code t + expungeAfterSeconds}; with
 * {@code "disabled"} neither ever happens. An unreachable instance without a recorded start (stored before the
 * start was recorded) counts as unreachable for ever, so both timers have passed.
 */
final class UnreachableTimers {

    private UnreachableTimers() {
    }

    /** Whether {@code instance} is unreachable and past {@code inactiveAfterSeconds} at {@code now}. */
    static boolean inactive(UnreachableStrategy strategy, Instance instance, Instant now) {
        return passed(strategy, instance, strategy.inactiveAfterSeconds(), now);
    }

    /** Whether {@code instance} is unreachable and past {@code expungeAfterSeconds} at {@code now}. */
    static boolean expunged(UnreachableStrategy strategy, Instance instance, Instant now) {
        return passed(strategy, instance, strategy.expungeAfterSeconds(), now);
    }

    /**
     * What counting instances that are unreachable (not yet inactive) wait for, e.g. {@code 1 instances
     * unreachable, replaced from 2026-01-03T00:05:00Z}; empty when none is.
     */
    static Optional<String> waiting(UnreachableStrategy strategy, List<Instance> counted, Instant now) {
        List<Instance> unreachable = counted.stream().filter(i -> i.condition() == Condition.UNREACHABLE).toList();
        if (unreachable.isEmpty()) {
            return Optional.empty();
        }
        if (strategy.disabled()) {
            return Optional.of(unreachable.size() + " instances unreachable, never replaced (unreachableStrategy disabled)");
        }
        Instant first = unreachable.stream().map(i -> deadline(i, strategy.inactiveAfterSeconds()))
                .min(Instant::compareTo).orElse(now);
        return Optional.of(unreachable.size() + " instances unreachable, replaced from " + first);
    }

    private static boolean passed(UnreachableStrategy strategy, Instance instance, long seconds, Instant now) {
        return instance.condition() == Condition.UNREACHABLE && !strategy.disabled()
                && !now.isBefore(deadline(instance, seconds));
    }

    private static Instant deadline(Instance instance, long seconds) {
        return instance.unreachableSince() == null ? Instant.MIN : instance.unreachableSince().plusSeconds(seconds);
    }
}
