package io.strata.services.wire;

import io.strata.services.model.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployments as {@code /v2/deployments} shows them: {@code id, version, affectedApps, affectedPods, steps,
 * currentActions, currentStep, totalSteps}. Steps are lists of {@code {action, app}}; each current action also
 * carries Strata's {@code waitingFor} (what the step waits for, in words).
 */
public final class DeploymentJson {
    private DeploymentJson() {
    }

    /** The full deployment JSON. */
    public static Map<String, Object> deployment(Deployment d) {
        Map<String, Object> out = plan(d);
        List<Map<String, Object>> current = new ArrayList<>();
        Map<String, Object> action = action(d, d.currentAction());
        action.put("readinessCheckResults", List.of());
        action.put("waitingFor", d.waitingFor());
        current.add(action);
        out.put("currentActions", current);
        out.put("currentStep", d.currentStep());
        out.put("totalSteps", d.steps().size());
        return out;
    }

    /** The plan part: id, version, affected apps, steps. */
    public static Map<String, Object> plan(Deployment d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("version", AppWriter.time(d.version()));
        out.put("affectedApps", List.of(d.appId().toString()));
        out.put("affectedPods", List.of());
        List<List<Map<String, Object>>> steps = new ArrayList<>();
        for (Deployment.Action action : d.steps()) {
            steps.add(List.of(action(d, action)));
        }
        out.put("steps", steps);
        return out;
    }

    /** One step (1-based) as a list of actions. */
    public static List<Map<String, Object>> step(Deployment d, int index) {
        return List.of(action(d, d.steps().get(index - 1)));
    }

    private static Map<String, Object> action(Deployment d, Deployment.Action action) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", action.name());
        out.put("app", d.appId().toString());
        return out;
    }
}
