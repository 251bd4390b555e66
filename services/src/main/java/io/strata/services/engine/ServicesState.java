package io.strata.services.engine;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The framework's in-memory state: apps, instances, deployments and launch-queue facts. Written only by the
 * engine thread; read by HTTP threads (every value is an immutable record, maps are concurrent), so a reader may
 * see one instance newer than another but never a torn record.
 */
public final class ServicesState {
    final Map<PathId, AppDefinition> apps = new ConcurrentHashMap<>();
    /** Apps being removed: their tasks are still being killed. */
    final Map<PathId, AppDefinition> stopping = new ConcurrentHashMap<>();
    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    final Map<PathId, QueueStatus> queue = new ConcurrentHashMap<>();
    final Map<PathId, Map<String, Object>> lastTaskFailure = new ConcurrentHashMap<>();
    /** Groups created explicitly ({@code /v2/groups} writes); others exist because an app lies below them. */
    final java.util.Set<PathId> groups = ConcurrentHashMap.newKeySet();

    /**
     * What the launch queue knows about one app.
     *
     * @param count instances waiting to be launched
     * @param delayedUntil launches wait until then (backoff), or null
     * @param since when the app started waiting
     * @param reasons offer rejections of the last placement run, by reason
     * @param processedOffers offers considered for the app so far
     * @param unusedOffers offers that did not fit
     * @param lastUnusedOfferAt when an offer last did not fit, or null
     * @param lastUsedOfferAt when an offer was last used, or null
     */
    public record QueueStatus(int count, Instant delayedUntil, Instant since, Map<String, Integer> reasons,
            long processedOffers, long unusedOffers, Instant lastUnusedOfferAt, Instant lastUsedOfferAt) {
        /** Copies the reasons. */
        public QueueStatus {
            reasons = Map.copyOf(reasons);
        }
    }

    /** The app's current definition. */
    public AppDefinition app(PathId id) {
        return apps.get(id);
    }

    /** The explicitly created groups (a snapshot). */
    public java.util.Set<PathId> groups() {
        return java.util.Set.copyOf(groups);
    }

    /** Every app, sorted by id. */
    public List<AppDefinition> apps() {
        List<AppDefinition> out = new ArrayList<>(apps.values());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /** Every instance. */
    public List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /** One instance, or null. */
    public Instance instance(String taskId) {
        return instances.get(taskId);
    }

    /** Instances grouped by app id (one pass over all instances). */
    public Map<PathId, List<Instance>> instancesByApp() {
        Map<PathId, List<Instance>> out = new HashMap<>();
        for (Instance instance : instances.values()) {
            out.computeIfAbsent(instance.appId(), id -> new ArrayList<>()).add(instance);
        }
        return out;
    }

    /** The instances of one app. */
    public List<Instance> instancesOf(PathId id) {
        return instances.values().stream().filter(i -> i.appId().equals(id)).toList();
    }

    /** Running deployments, oldest first. */
    public List<Deployment> deployments() {
        List<Deployment> out = new ArrayList<>(deployments.values());
        out.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
        return out;
    }

    /** The deployment of an app, or null. */
    public Deployment deploymentOf(PathId id) {
        return deployments.values().stream().filter(d -> d.appId().equals(id)).findFirst().orElse(null);
    }

    /** The launch queue by app. */
    public Map<PathId, QueueStatus> queue() {
        return Map.copyOf(queue);
    }

    /** The last failed task of an app as Marathon's {@code lastTaskFailure}, or null. */
    public Map<String, Object> lastTaskFailure(PathId id) {
        return lastTaskFailure.get(id);
    }
}
