package io.strata.services.engine;

import io.strata.services.groups.GroupPlan;
import io.strata.services.groups.GroupPlanner;
import io.strata.services.groups.GroupUpdate;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Deployment;
import io.strata.services.model.PathId;
import io.strata.services.store.ServicesStore;
import io.strata.services.wire.AppWriter;
import io.strata.services.wire.MarathonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST/PUT/DELETE /v2/groups} on the engine thread: plans the change with {@link GroupPlanner}, checks it
 * as a whole (a 409 when any affected app is locked by a deployment and {@code force} is not set, or when a new
 * app's id is taken), then removes, updates and creates the apps (one deployment per changed app) and stores the
 * explicit groups. Apps whose definition does not change get no deployment.
 */
public final class GroupCommands {
    private final ServicesEngine engine;
    private final AppCommands apps;

    GroupCommands(ServicesEngine engine, AppCommands apps) {
        this.engine = engine;
        this.apps = apps;
    }

    /**
     * The reply of a group write.
     *
     * @param version the change's version
     * @param deploymentId the deployment of the first changed app, or a fresh id for a change that deploys nothing
     *     (its plan is empty and done at once)
     * @param deploymentIds every deployment started
     */
    public record GroupChange(Instant version, String deploymentId, List<String> deploymentIds) {
        /** Marathon's {@code {"version": .., "deploymentId": ..}}. */
        public Map<String, Object> reply() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("version", AppWriter.time(version));
            out.put("deploymentId", deploymentId);
            return out;
        }
    }

    /** Creates a group; 409 when it exists. */
    public GroupChange create(GroupUpdate update, boolean force) {
        return engine.call(() -> {
            if (GroupPlanner.exists(engine.state.apps, engine.state.groups, update.id())) {
                throw MarathonException.of(409, "Group " + update.id()
                        + " is already created. Use PUT to change this group.");
            }
            return apply(update.id(), GroupPlanner.update(engine.state.apps, engine.state.groups, update), force);
        });
    }

    /** Creates or changes a group (or scales it with {@code scaleBy}). */
    public GroupChange update(GroupUpdate update, boolean force) {
        return engine.call(() -> {
            if (update.scaleBy() != null && !GroupPlanner.exists(engine.state.apps, engine.state.groups, update.id())) {
                throw unknownGroup(update.id());
            }
            return apply(update.id(), GroupPlanner.update(engine.state.apps, engine.state.groups, update), force);
        });
    }

    /** Removes a group with everything below it; 404 when it does not exist. */
    public GroupChange delete(PathId id, boolean force) {
        return engine.call(() -> {
            if (!GroupPlanner.exists(engine.state.apps, engine.state.groups, id)) {
                throw unknownGroup(id);
            }
            return apply(id, GroupPlanner.delete(engine.state.apps, engine.state.groups, id), force);
        });
    }

    private static MarathonException unknownGroup(PathId id) {
        return MarathonException.of(404, "Group '" + id + "' does not exist");
    }

    private GroupChange apply(PathId groupId, GroupPlan plan, boolean force) {
        List<AppDefinition> updates = plan.updates().stream()
                .filter(a -> !apps.unchanged(engine.state.apps.get(a.id()), a)).toList();
        check(plan, updates, force);
        Instant now = engine.clock.instant();
        List<String> deployments = new ArrayList<>();
        for (PathId id : plan.deletes()) {
            deployments.add(apps.doDelete(id, force).deployment().id());
        }
        for (AppDefinition app : updates) {
            deployments.add(apps.replace(engine.state.apps.get(app.id()), app, force, false).deployment().id());
        }
        for (AppDefinition app : plan.creates()) {
            deployments.add(apps.doCreate(app).deployment().id());
        }
        engine.state.groups.retainAll(plan.groups());
        engine.state.groups.addAll(plan.groups());
        ServicesStore.await(engine.store.saveGroups(plan.groups().stream().map(PathId::toString).toList()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("groupId", groupId.toString());
        event.put("version", AppWriter.time(now));
        engine.events.publish("group_change_success", event);
        String first = deployments.isEmpty() ? UUID.randomUUID().toString() : deployments.get(0);
        return new GroupChange(now, first, deployments);
    }

    /** Refuses the whole change before any part of it is applied. */
    private void check(GroupPlan plan, List<AppDefinition> updates, boolean force) {
        for (AppDefinition app : plan.creates()) {
            if (engine.state.stopping.containsKey(app.id())) {
                throw MarathonException.of(409, "An app with id [" + app.id() + "] already exists.");
            }
            if (GroupPlanner.exists(engine.state.apps, engine.state.groups, app.id())
                    && !plan.deletes().contains(app.id())) {
                throw MarathonException.of(409, "App '" + app.id() + "' conflicts with an existing app or group path.");
            }
        }
        if (force) {
            return;
        }
        List<String> locked = new ArrayList<>();
        List<PathId> touched = new ArrayList<>(plan.deletes());
        updates.forEach(a -> touched.add(a.id()));
        for (PathId id : touched) {
            Deployment running = engine.state.deploymentOf(id);
            if (running != null && !locked.contains(running.id())) {
                locked.add(running.id());
            }
        }
        if (!locked.isEmpty()) {
            throw MarathonException.locked(locked);
        }
    }
}
