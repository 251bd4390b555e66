package io.strata.services.engine;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import io.strata.services.reconcile.Intents;
import io.strata.services.store.ServicesStore;
import io.strata.services.wire.AppCodec;
import io.strata.services.wire.AppWriter;
import io.strata.services.wire.DeploymentJson;
import io.strata.services.wire.MarathonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The API's mutations, each run on the engine thread through {@link ServicesEngine#call}: create, update, scale,
 * restart and remove apps, kill tasks, cancel deployments, reset launch delays. Every change is stored before it
 * is answered and starts a {@link Deployment}; a change to an app locked by a deployment is refused with 409
 * unless forced, which cancels the running deployment.
 */
public final class AppCommands {
    /** First service port (Marathon's {@code --local_port_min}). */
    public static final int SERVICE_PORT_MIN = 10000;
    /** Last service port (Marathon's {@code --local_port_max}). */
    public static final int SERVICE_PORT_MAX = 20000;

    private final ServicesEngine engine;

    AppCommands(ServicesEngine engine) {
        this.engine = engine;
    }

    /** The reply of changes: the deployment id and the new version. */
    public record Change(AppDefinition app, Deployment deployment) {
        /** Marathon's {@code {"deploymentId": .., "version": ..}}. */
        public Map<String, Object> reply() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("version", AppWriter.time(deployment.version()));
            out.put("deploymentId", deployment.id());
            return out;
        }
    }

    /** Creates an app; 409 if it exists. */
    public Change create(AppDefinition requested) {
        return engine.call(() -> doCreate(requested));
    }

    /** Creates an app on the engine thread; 409 if it or a conflicting path exists. */
    Change doCreate(AppDefinition requested) {
        PathId id = requested.id();
        if (engine.state.apps.containsKey(id) || engine.state.stopping.containsKey(id)) {
            throw MarathonException.of(409, "An app with id [" + id + "] already exists.");
        }
        if (engine.state.apps.keySet().stream().anyMatch(other -> id.contains(other) || other.contains(id))) {
            throw MarathonException.of(409, "App '" + id + "' conflicts with an existing app or group path.");
        }
        Instant now = engine.clock.instant();
        AppDefinition app = assignServicePorts(requested, null).withVersions(now, now, now);
        store(app);
        return new Change(app, start(app, null, List.of(Deployment.Action.StartApplication,
                Deployment.Action.ScaleApplication), now));
    }

    /** Replaces an app's definition (PUT/PATCH after merging); creates it when unknown. */
    public Change update(AppDefinition requested, boolean force) {
        return engine.call(() -> {
            AppDefinition existing = engine.state.apps.get(requested.id());
            if (existing == null) {
                return doCreate(requested);
            }
            return replace(existing, requested, force, false);
        });
    }

    /** Changes only the instance count. */
    public Change scale(PathId id, int instances, boolean force) {
        return engine.call(() -> {
            AppDefinition existing = requireApp(id);
            return replace(existing, existing.withInstances(instances), force, false);
        });
    }

    /** Rolling restart: a new configuration version with the same definition. */
    public Change restart(PathId id, boolean force) {
        return engine.call(() -> replace(requireApp(id), requireApp(id), force, true));
    }

    /** Removes an app: kills its tasks, then forgets it. */
    public Change delete(PathId id, boolean force) {
        return engine.call(() -> doDelete(id, force));
    }

    /** Removes an app on the engine thread. */
    Change doDelete(PathId id, boolean force) {
        AppDefinition app = requireApp(id);
        checkLock(id, force);
        Instant now = engine.clock.instant();
        engine.state.apps.remove(id);
        engine.state.stopping.put(id, app);
        ServicesStore.await(engine.store.deleteApp(id));
        engine.resetBackoff(id);
        return new Change(app, start(app, app, List.of(Deployment.Action.StopApplication), now));
    }

    /**
     * Kills tasks; with {@code scale} the apps' instance counts go down by as many (returning that deployment).
     *
     * @throws MarathonException 404 naming an unknown task id
     */
    public List<Change> killTasks(List<String> taskIds, boolean scale, boolean force) {
        return engine.call(() -> {
            List<Instance> targets = new ArrayList<>();
            for (String taskId : taskIds) {
                Instance instance = engine.state.instances.get(taskId);
                if (instance == null) {
                    throw MarathonException.of(404, "Task '" + taskId + "' does not exist");
                }
                targets.add(instance);
            }
            List<Change> changes = new ArrayList<>();
            if (scale) {
                Map<PathId, Integer> byApp = new LinkedHashMap<>();
                targets.forEach(i -> byApp.merge(i.appId(), 1, Integer::sum));
                for (Map.Entry<PathId, Integer> entry : byApp.entrySet()) {
                    AppDefinition app = engine.state.apps.get(entry.getKey());
                    if (app != null) {
                        changes.add(replace(app, app.withInstances(Math.max(0, app.instances() - entry.getValue())),
                                force, false));
                    }
                }
            }
            for (Instance instance : targets) {
                Instance current = engine.state.instances.get(instance.taskId());
                if (current != null && current.killRequestedAt() == null) {
                    engine.requestKill(current, scale ? Intents.Reason.SCALE_DOWN : Intents.Reason.STOP);
                }
            }
            return changes;
        });
    }

    /** Cancels a deployment: rolls back (a new deployment), or with {@code force} just stops it. */
    public Change cancelDeployment(String deploymentId, boolean force) {
        return engine.call(() -> {
            Deployment deployment = engine.state.deployments.get(deploymentId);
            if (deployment == null) {
                throw MarathonException.of(404, "DeploymentPlan " + deploymentId + " does not exist");
            }
            engine.finish(deployment, false);
            if (force) {
                return null;
            }
            PathId id = deployment.appId();
            AppDefinition previous = deployment.previous();
            if (previous == null) {
                return doDelete(id, true);
            }
            Instant now = engine.clock.instant();
            if (deployment.currentAction() == Deployment.Action.StopApplication) {
                engine.state.stopping.remove(id);
                AppDefinition restored = previous.withVersions(now, now, previous.lastConfigChangeAt());
                store(restored);
                return new Change(restored, start(restored, null, List.of(Deployment.Action.ScaleApplication), now));
            }
            return replace(engine.state.apps.get(id), previous, true, false);
        });
    }

    /** Resets an app's launch backoff ({@code DELETE /v2/queue/{id}/delay}). */
    public void resetDelay(PathId id) {
        engine.call(() -> {
            requireApp(id);
            engine.resetBackoff(id);
            return null;
        });
    }

    private AppDefinition requireApp(PathId id) {
        AppDefinition app = engine.state.apps.get(id);
        if (app == null) {
            throw MarathonException.unknownApp(id);
        }
        return app;
    }

    /** Replaces an app's definition on the engine thread (a restart when {@code restart}). */
    Change replace(AppDefinition existing, AppDefinition requested, boolean force, boolean restart) {
        checkLock(existing.id(), force);
        Instant now = engine.clock.instant();
        AppDefinition withPorts = assignServicePorts(requested, existing);
        boolean upgrade = restart || existing.isUpgradeTo(withPorts.withVersions(existing.version(),
                existing.lastScalingAt(), existing.lastConfigChangeAt()));
        AppDefinition app = withPorts.withVersions(now,
                requested.instances() != existing.instances() ? now : existing.lastScalingAt(),
                upgrade ? now : existing.lastConfigChangeAt());
        store(app);
        if (upgrade) {
            engine.resetBackoff(app.id());
        }
        return new Change(app, start(app, existing, List.of(upgrade ? Deployment.Action.RestartApplication
                : Deployment.Action.ScaleApplication), now));
    }

    /**
     * Whether {@code requested} would change nothing of {@code existing} (same definition once service ports are
     * assigned, same instance count): a group write leaves such apps alone, without a deployment.
     */
    boolean unchanged(AppDefinition existing, AppDefinition requested) {
        AppDefinition withPorts = assignServicePorts(requested, existing);
        return requested.instances() == existing.instances() && !existing.isUpgradeTo(withPorts);
    }

    private void checkLock(PathId id, boolean force) {
        Deployment running = engine.state.deploymentOf(id);
        if (running == null) {
            return;
        }
        if (!force) {
            throw MarathonException.locked(List.of(running.id()));
        }
        engine.finish(running, false);
    }

    private void store(AppDefinition app) {
        ServicesStore.await(engine.store.saveApp(app.id(), app.version().toString(), AppCodec.toStored(app)));
        engine.state.apps.put(app.id(), app);
        engine.touch(app.id());
    }

    private Deployment start(AppDefinition app, AppDefinition previous, List<Deployment.Action> steps, Instant now) {
        Deployment deployment = new Deployment(UUID.randomUUID().toString(), app.version(), app.id(), steps, 1,
                previous, now, "starting");
        engine.state.deployments.put(deployment.id(), deployment);
        ServicesStore.await(engine.store.saveDeployment(deployment,
                previous == null ? null : AppCodec.toStored(previous)));
        engine.touch(app.id());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("plan", DeploymentJson.plan(deployment));
        info.put("currentStep", DeploymentJson.step(deployment, 1));
        engine.events.publish("deployment_info", info);
        return deployment;
    }

    /** Gives every port 0 a free service port, keeping the ones {@code existing} had at the same index. */
    private AppDefinition assignServicePorts(AppDefinition app, AppDefinition existing) {
        Set<Integer> used = new HashSet<>();
        engine.state.apps.values().stream().filter(a -> !a.id().equals(app.id()))
                .forEach(a -> a.portDefinitions().forEach(p -> used.add(p.port())));
        List<AppDefinition.PortDefinition> out = new ArrayList<>();
        int next = SERVICE_PORT_MIN;
        for (int i = 0; i < app.portDefinitions().size(); i++) {
            AppDefinition.PortDefinition port = app.portDefinitions().get(i);
            if (port.port() != 0 || app.requirePorts()) {
                out.add(port);
                continue;
            }
            if (existing != null && i < existing.portDefinitions().size()) {
                out.add(port.withPort(existing.portDefinitions().get(i).port()));
                continue;
            }
            while (used.contains(next) && next <= SERVICE_PORT_MAX) {
                next++;
            }
            if (next > SERVICE_PORT_MAX) {
                throw MarathonException.of(422, "All service ports in " + SERVICE_PORT_MIN + "-" + SERVICE_PORT_MAX
                        + " are in use");
            }
            used.add(next);
            out.add(port.withPort(next));
        }
        return app.withPortDefinitions(out);
    }
}
