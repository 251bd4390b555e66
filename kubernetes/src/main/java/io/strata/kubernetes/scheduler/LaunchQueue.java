package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.Offer;
import io.strata.kubernetes.pods.ContainerResources;
import io.strata.kubernetes.pods.PodRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bound pods that may want a (re)launch, and their launches: each pass groups the due pods by the agent of a
 * held offer that still has room for them and sends one ACCEPT per agent (LAUNCH_GROUPs from {@link LaunchBuilder}),
 * writing each launched pod's status.
 *
 * <p>A pod is looked at only after something {@link #touch touched} it (bound, a status update, a relaunch
 * back-off), and stays queued while it waits for an offer or its back-off: a pass costs the pods that wait, not every
 * bound pod (30,000 bound pods were walked on every offer).
 *
 * <p>Not thread-safe: the scheduler's loop thread only ({@code runs} and {@code bound} are the scheduler's maps).
 */
final class LaunchQueue {

    private final Map<String, PodRun> runs;
    private final Map<String, ObjectNode> bound;
    private final LaunchBuilder builder;
    private final PodStatusWriter statuses;
    private final PodEvents events;
    private final MasterCalls calls;
    private final Set<String> waiting = new LinkedHashSet<>();

    LaunchQueue(Map<String, PodRun> runs, Map<String, ObjectNode> bound, LaunchBuilder builder,
            PodStatusWriter statuses, PodEvents events, MasterCalls calls) {
        this.runs = runs;
        this.bound = bound;
        this.builder = builder;
        this.statuses = statuses;
        this.events = events;
        this.calls = calls;
    }

    /** Queues a pod whose run may now want a launch (pods that do not are dropped at the next pass). */
    void touch(String key) {
        waiting.add(key);
    }

    /** Launches every due pod that fits a held offer of its node, one ACCEPT per agent. */
    void launch(HeldOffers held, Instant now) {
        if (waiting.isEmpty() || held.isEmpty()) {
            return;
        }
        Map<String, List<ObjectNode>> byAgent = new LinkedHashMap<>();
        Map<String, HeldOffers.Held> byNode = held.byNode();
        for (Iterator<String> it = waiting.iterator(); it.hasNext(); ) {
            String key = it.next();
            PodRun run = runs.get(key);
            ObjectNode pod = bound.get(key);
            if (run == null || pod == null || !run.wantsLaunch()) {
                it.remove();
                continue;
            }
            HeldOffers.Held h = byNode.get(run.nodeName());
            if (h == null || run.notBefore().isAfter(now)) {
                continue;
            }
            ContainerResources need = ContainerResources.ofPod(pod);
            if (need.cpus() > h.free()[0] + 1e-9 || need.memMb() > h.free()[1] + 1e-9) {
                continue;
            }
            h.free()[0] -= need.cpus();
            h.free()[1] -= need.memMb();
            byAgent.computeIfAbsent(h.node().agentId(), a -> new ArrayList<>()).add(pod);
            // launched now: it leaves the queue (a failed launch keeps its run wanting one: queued again)
            it.remove();
        }
        for (Map.Entry<String, List<ObjectNode>> e : byAgent.entrySet()) {
            accept(held.take(e.getKey()), e.getValue(), now);
        }
    }

    /** Whether a due pod waits for an offer of its node that is not held (the scheduler then revives offers). */
    boolean starved(HeldOffers held, Instant now) {
        Map<String, HeldOffers.Held> byNode = null;
        for (String key : waiting) {
            PodRun run = runs.get(key);
            if (run == null || !run.wantsLaunch() || run.notBefore().isAfter(now)) {
                continue;
            }
            if (byNode == null) {
                byNode = held.byNode();
            }
            if (!byNode.containsKey(run.nodeName())) {
                return true;
            }
        }
        return false;
    }

    /** Launches {@code group} on the held offer {@code h} in one ACCEPT (declined when nothing is launchable). */
    private void accept(HeldOffers.Held h, List<ObjectNode> group, Instant now) {
        List<PodRun> groupRuns = new ArrayList<>(group.size());
        for (ObjectNode pod : group) {
            groupRuns.add(runs.get(KubernetesScheduler.key(pod)));
        }
        List<Offer.Operation> operations = builder.operations(h, group, groupRuns, now,
                (pod, e) -> events.record(pod, "Warning", e.eventReason(), e.eventMessage(), "kubelet"));
        for (int i = 0; i < group.size(); i++) {
            statuses.writeStatus(group.get(i), groupRuns.get(i));
            if (groupRuns.get(i).wantsLaunch()) {
                touch(KubernetesScheduler.key(group.get(i))); // a config error: launched again after its back-off
            }
        }
        if (operations.isEmpty()) {
            calls.decline(h.offer().id(), 0);
            return;
        }
        calls.accept(h.offer().id(), operations);
    }
}
