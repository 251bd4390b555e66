package io.strata.services.engine;

import io.strata.services.model.Deployment;
import io.strata.services.reconcile.Intents;
import io.strata.services.wire.AppCodec;
import io.strata.services.wire.DeploymentJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves deployments through their steps on the engine thread from what the reconciler reports: a
 * StartApplication step ends at once, the last step ends when the app converged; each step's end publishes
 * {@code deployment_step_success}, the deployment's end {@code deployment_success} or {@code deployment_failed}
 * (and {@code app_terminated_event} after a StopApplication). What the current step waits for is kept for
 * {@code /v2/deployments}; a deployment is stored again only when its step changes.
 */
final class DeploymentSteps {
    private final ServicesEngine engine;

    DeploymentSteps(ServicesEngine engine) {
        this.engine = engine;
    }

    /** Moves a deployment on: StartApplication ends at once; the last step ends when the app converged. */
    void progress(Deployment deployment, Intents intents) {
        Deployment current = deployment;
        if (current.currentAction() == Deployment.Action.StartApplication) {
            stepSucceeded(current);
            current = current.advanced();
        }
        if (intents.converged()) {
            stepSucceeded(current);
            finish(current, true);
            return;
        }
        if (!intents.waitingFor().equals(current.waitingFor()) || current != deployment) {
            engine.state.deployments.put(current.id(), current.waiting(intents.waitingFor()));
            if (current != deployment) {
                engine.store.saveDeployment(current, current.previous() == null ? null : AppCodec.toStored(current.previous()));
            }
        }
    }

    private void stepSucceeded(Deployment deployment) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("plan", DeploymentJson.plan(deployment));
        event.put("currentStep", DeploymentJson.step(deployment, deployment.currentStep()));
        engine.events.publish("deployment_step_success", event);
    }

    /** Ends a deployment: removes it and publishes {@code deployment_success} or {@code deployment_failed}. */
    void finish(Deployment deployment, boolean success) {
        engine.state.deployments.remove(deployment.id());
        engine.store.deleteDeployment(deployment.id());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", deployment.id());
        event.put("plan", DeploymentJson.plan(deployment));
        engine.events.publish(success ? "deployment_success" : "deployment_failed", event);
        if (deployment.currentAction() == Deployment.Action.StopApplication && success) {
            engine.state.stopping.remove(deployment.appId());
            engine.events.publish("app_terminated_event", Map.of("appId", deployment.appId().toString()));
        }
    }
}
