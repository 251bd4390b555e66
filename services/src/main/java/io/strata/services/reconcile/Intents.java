package io.strata.services.reconcile;

import java.util.List;

/**
 * What the reconciler wants done for one app now.
 *
 * @param launch how many new instances to launch
 * @param kills instances to kill, with the reason
 * @param converged whether the app matches its spec (a deployment may end)
 * @param breakerOpen whether the unhealthy-kill circuit breaker held kills back
 * @param waitingFor what the app waits for, in words; empty when converged
 * @param expunges unreachable instances to forget (unreachable for {@code expungeAfterSeconds}); one that comes back
 *     later is unknown and killed
 */
public record Intents(int launch, List<Kill> kills, boolean converged, boolean breakerOpen, String waitingFor,
        List<String> expunges) {

    /** Why an instance is killed. */
    public enum Reason { SCALE_DOWN, UPGRADE, UNHEALTHY, STOP }

    /**
     * One kill.
     *
     * @param taskId the instance
     * @param reason why
     */
    public record Kill(String taskId, Reason reason) {
    }

    /** Copies the kills. */
    public Intents {
        if (launch < 0) {
            throw new IllegalArgumentException("launch must be >= 0: " + launch);
        }
        kills = List.copyOf(kills);
        expunges = List.copyOf(expunges);
    }
}
