package io.strata.master.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strata.api.mesos.TaskState;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.master.Master;
import io.strata.master.engine.Term;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * /metrics/snapshot with Mesos' keys, and /metrics in Prometheus text through Micrometer (the same values
 * with '/' turned into '_' and a {@code strata_} prefix). Computed on the master loop.
 */
public final class Metrics {
    /** Counters reported as 0 before their first increment, so dashboards find every key. */
    private static final String[] ZERO_COUNTERS = {"master/slave_registrations", "master/slave_reregistrations",
        "master/slave_removals", "master/slave_removals/reason_unhealthy", "master/valid_status_updates",
        "master/invalid_status_updates", "master/messages_launch_tasks", "master/messages_decline_offers",
        "master/messages_revive_offers", "master/messages_suppress_offers", "master/messages_kill_task",
        "master/messages_status_update", "master/messages_status_update_acknowledgement",
        "master/messages_reconcile_tasks", "master/messages_register_framework", "master/invalid_tasks",
        "allocator/mesos/allocation_runs"};
    private final Master master;
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Double> last = new ConcurrentHashMap<>();

    public Metrics(Master master) {
        this.master = master;
    }

    /** The Mesos-keyed snapshot. */
    public Map<String, Object> snapshot(Optional<Term> term) {
        Map<String, Object> m = new TreeMap<>();
        m.put("master/elected", term.isPresent() ? 1 : 0);
        m.put("master/uptime_secs", System.currentTimeMillis() / 1000.0 - master.startTime());
        Runtime rt = Runtime.getRuntime();
        m.put("system/cpus_total", rt.availableProcessors());
        m.put("system/load_1min", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        if (term.isEmpty()) {
            return m;
        }
        Term t = term.get();
        Resources total = Resources.EMPTY;
        Resources used = Resources.EMPTY;
        int active = 0;
        int connected = 0;
        for (AgentEntry a : t.ctx.registry.agents.values()) {
            total = total.plus(a.total);
            used = used.plus(a.used());
            active += a.offerable() ? 1 : 0;
            connected += a.connected ? 1 : 0;
        }
        for (String r : new String[] {Resource.CPUS, Resource.MEM, Resource.DISK, Resource.GPUS}) {
            double tot = total.scalar(r).asDouble();
            double u = used.scalar(r).asDouble();
            m.put("master/" + r + "_total", tot);
            m.put("master/" + r + "_used", u);
            m.put("master/" + r + "_percent", tot == 0 ? 0 : u / tot);
        }
        int agents = t.ctx.registry.agents.size();
        m.put("master/slaves_active", active);
        m.put("master/slaves_inactive", agents - active);
        m.put("master/slaves_connected", connected);
        m.put("master/slaves_disconnected", agents - connected);
        m.put("master/slaves_unreachable", t.ctx.registry.agents.values().stream().filter(a -> !a.reachable).count());
        long fwConnected = t.ctx.registry.frameworks.values().stream().filter(f -> f.connected).count();
        m.put("master/frameworks_active", fwConnected);
        m.put("master/frameworks_inactive", t.ctx.registry.frameworks.size() - fwConnected);
        m.put("master/frameworks_connected", fwConnected);
        m.put("master/frameworks_disconnected", t.ctx.registry.frameworks.size() - fwConnected);
        m.put("master/outstanding_offers", t.ctx.registry.offers.size());
        Map<TaskState, Integer> states = new TreeMap<>();
        for (FrameworkEntry f : t.ctx.registry.frameworks.values()) {
            f.tasks.values().forEach(task -> states.merge(task.state, 1, Integer::sum));
            for (TaskEntry task : f.completed) {
                states.merge(task.state, 1, Integer::sum);
            }
        }
        for (TaskState s : TaskState.values()) {
            m.put("master/tasks_" + s.name().substring(5).toLowerCase(Locale.ROOT), states.getOrDefault(s, 0));
        }
        t.ctx.counters.forEach((k, v) -> m.put(k, v.sum()));
        for (String counter : ZERO_COUNTERS) {
            m.putIfAbsent(counter, 0);
        }
        m.put("allocator/mesos/allocation_run_ms", t.ctx.lastAllocationMillis);
        return m;
    }

    /** Prometheus text of the same values. */
    public String prometheus(Optional<Term> term) {
        Map<String, Object> snapshot = snapshot(term);
        snapshot.forEach((k, v) -> {
            if (v instanceof Number num) {
                String name = "strata_" + k.replaceAll("[^a-zA-Z0-9_]", "_");
                if (last.put(name, num.doubleValue()) == null) {
                    Gauge.builder(name, last, map -> map.getOrDefault(name, 0.0)).register(prometheus);
                }
            }
        });
        return prometheus.scrape();
    }
}
