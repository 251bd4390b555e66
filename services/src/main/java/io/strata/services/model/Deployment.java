package io.strata.services.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A running deployment of one app: a state machine of steps whose current step says what it waits for.
 *
 * <p>Marathon's plans: a new app is {@code [[StartApplication], [ScaleApplication]]}, a scale
 * {@code [[ScaleApplication]]}, a config change or restart {@code [[RestartApplication]]}, a removal
 * {@code [[StopApplication]]}. The step counter only moves forward; the deployment ends when the reconciler
 * reports the app converged (or stopped) and is then deleted. {@code previous} is what a rollback restores.
 *
 * @param id the deployment id (UUID)
 * @param version the app version it deploys
 * @param appId the affected app
 * @param steps the plan's actions, one per step
 * @param currentStep 1-based index of the running step
 * @param previous the app before the change, or null for a new app
 * @param startedAt when it started
 * @param waitingFor what the current step waits for, in words
 */
public record Deployment(String id, Instant version, PathId appId, List<Action> steps, int currentStep,
        AppDefinition previous, Instant startedAt, String waitingFor) {

    /** Marathon's deployment action names. */
    public enum Action { StartApplication, ScaleApplication, RestartApplication, StopApplication }

    /** Validates the step counter. */
    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appId, "appId");
        steps = List.copyOf(steps);
        if (currentStep < 1 || currentStep > steps.size()) {
            throw new IllegalArgumentException("currentStep " + currentStep + " outside 1.." + steps.size());
        }
    }

    /** The action of the running step. */
    public Action currentAction() {
        return steps.get(currentStep - 1);
    }

    /** Whether the deployment replaces tasks of an older configuration. */
    public boolean isUpgrade() {
        return currentAction() == Action.RestartApplication;
    }

    /** The same deployment one step further (stays on the last step). */
    public Deployment advanced() {
        return new Deployment(id, version, appId, steps, Math.min(steps.size(), currentStep + 1), previous,
                startedAt, waitingFor);
    }

    /** The same deployment waiting for something else. */
    public Deployment waiting(String what) {
        return new Deployment(id, version, appId, steps, currentStep, previous, startedAt, what);
    }
}
