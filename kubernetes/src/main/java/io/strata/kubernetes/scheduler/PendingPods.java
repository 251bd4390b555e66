package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.placement.PodTerms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pods waiting for a node, in arrival order, each with its placement terms read once when it arrives (not once
 * per scheduling pass: 30,000 pending pods were parsed again on every offer); the last FailedScheduling message per
 * pod, so that a repeated reason is not recorded again; and the pods placed whose binding is not stored yet (their
 * events without a node are stale).
 *
 * <p>Not thread-safe: the scheduler's loop thread only.
 */
final class PendingPods {

    private record Pending(ObjectNode pod, PodTerms terms) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, String> lastFailure = new HashMap<>();
    private final Set<String> binding = new HashSet<>();

    /** Adds or replaces a pod waiting for a node (its terms are read now, once per pod event). */
    void put(String key, ObjectNode pod) {
        pending.put(key, new Pending(pod, PodTerms.of(pod)));
    }

    /** The waiting pod, or null. */
    ObjectNode get(String key) {
        Pending p = pending.get(key);
        return p == null ? null : p.pod();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The terms of every waiting pod, in arrival order. */
    List<PodTerms> terms() {
        List<PodTerms> out = new ArrayList<>(pending.size());
        for (Pending p : pending.values()) {
            out.add(p.terms());
        }
        return out;
    }

    /** Takes a placed pod out (its binding follows) and returns it. */
    ObjectNode placed(String key) {
        lastFailure.remove(key);
        binding.add(key);
        Pending p = pending.remove(key);
        return p == null ? null : p.pod();
    }

    /** Whether a placed pod's binding is not stored yet. */
    boolean binding(String key) {
        return binding.contains(key);
    }

    /** Forgets a placed pod's pending binding; false when it was not pending. */
    boolean bindingFailed(String key) {
        return binding.remove(key);
    }

    /** Records a FailedScheduling message; false when it is the pod's last one already (not to be recorded). */
    boolean failed(String key, String message) {
        return !message.equals(lastFailure.put(key, message));
    }

    /** Forgets a pod (deleted, or bound as the store now shows). */
    void remove(String key) {
        pending.remove(key);
        binding.remove(key);
        lastFailure.remove(key);
    }
}
