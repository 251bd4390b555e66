package io.strata.services.reconcile;

import io.strata.services.model.AppDefinition.UpgradeStrategy;

/**
 * Marathon's rolling-upgrade arithmetic (TaskReplaceActor).
 *
 * <p>{@code minHealthy = ceil(instances x minimumHealthCapacity)} and
 * {@code maxCapacity = floor(instances x (1 + maximumOverCapacity))}; when both are equal (e.g. (1, 0)) one extra
 * task is allowed, or no old task could ever be replaced. Products are rounded to 6 decimals first so that
 * {@code 10 x 0.9} is 9, not {@code ceil(9.000000000000002) = 10}. Example: 4 instances at (0.5, 0) give
 * minHealthy 2 and maxCapacity 4: two old tasks are killed at once and two new ones started.
 */
public final class Capacity {

    private Capacity() {
    }

    /** The fewest ready instances an upgrade keeps. */
    public static int minHealthy(int instances, UpgradeStrategy strategy) {
        return (int) Math.ceil(round(instances * strategy.minimumHealthCapacity()));
    }

    /** The most instances (old and new, killing ones included) an upgrade runs at once. */
    public static int maxCapacity(int instances, UpgradeStrategy strategy) {
        int max = (int) Math.floor(round(instances * (1 + strategy.maximumOverCapacity())));
        return max == minHealthy(instances, strategy) ? max + 1 : max;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
