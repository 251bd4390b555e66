package io.strata.services.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named timers and counters of one framework instance, rendered as Codahale metrics JSON
 * ({@code {"version":"4.0.0","gauges":{},"counters":{name:{count}},"histograms":{},"meters":{},"timers":{...}}}).
 * Thread-safe.
 */
public final class FrameworkMetrics {
    /** From an OFFERS event's arrival to the ACCEPT (or DECLINE) calls being handed to the HTTP client. */
    public static final String OFFER_TO_CALL = "strata.services.offers.arrival-to-call";
    /** Engine-thread time to place one batch of offers and store its instances (one ZooKeeper multi). */
    public static final String OFFER_HANDLING = "strata.services.offers.handling";
    /** Engine-thread time of the placement pipeline and task building for one batch of offers. */
    public static final String OFFER_PLACEMENT = "strata.services.offers.placement";
    /** From the start of storing a batch's (or one agent's) instances to the ZooKeeper multi's commit. */
    public static final String OFFER_STORE = "strata.services.offers.store";
    /** From an UPDATE event's arrival to the engine thread starting on it. */
    public static final String UPDATE_QUEUED = "strata.services.updates.queued";
    /** Engine-thread time spent on one status update (state, events, acknowledgement handed off). */
    public static final String UPDATE_HANDLING = "strata.services.updates.handling";
    /** Engine-thread time of one reconciliation pass over the apps that changed. */
    public static final String RECONCILE_PASS = "strata.services.reconcile.pass";
    /** Prefix of the timers of the master's answer to each scheduler call type ({@code ...calls.ACCEPT}). */
    public static final String CALL_PREFIX = "strata.services.mesos.calls.";

    private final Map<String, LatencyTimer> timers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** The timer of that name, created on first use. */
    public LatencyTimer timer(String name) {
        return timers.computeIfAbsent(name, n -> new LatencyTimer());
    }

    /** Adds {@code delta} to the counter of that name. */
    public void count(String name, long delta) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
    }

    /** Forgets every timer and counter (benchmarks measure one deployment at a time). */
    public void reset() {
        timers.clear();
        counters.clear();
    }

    /** The Codahale-shaped JSON tree of every timer and counter (names sorted). */
    public Map<String, Object> toJson() {
        Map<String, Object> timerJson = new TreeMap<>();
        timers.forEach((name, timer) -> timerJson.put(name, timer.snapshot()));
        Map<String, Object> counterJson = new TreeMap<>();
        counters.forEach((name, adder) -> counterJson.put(name, Map.of("count", adder.sum())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "4.0.0");
        out.put("gauges", Map.of());
        out.put("counters", counterJson);
        out.put("histograms", Map.of());
        out.put("meters", Map.of());
        out.put("timers", timerJson);
        return out;
    }
}
