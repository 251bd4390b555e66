package io.strata.agent.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Agent recovery for image containers, as a pure function: compares the containers the agent's checkpoints expect
 * with those the runtime lists ({@link RuncRuntime#list()}) and says what to do with each.
 *
 * <p>A container whose {@code runc run} died with the agent keeps running without a parent that reports its exit,
 * so every live leftover is destroyed (stop signal, then {@code delete --force}) and its task reported as failed by
 * the caller; stopped leftovers only need {@code delete}. Expected containers the runtime does not know have already
 * ended: their supervisor's recorded exit status (if any) tells how.
 */
public final class LeftoverReconciler {

    /**
     * What to do after a restart.
     *
     * @param destroy live containers to stop and force-delete
     * @param delete stopped containers whose state (and cgroups) only need removing
     * @param vanished expected container ids the runtime no longer knows
     */
    public record Plan(List<ContainerState> destroy, List<ContainerState> delete, List<String> vanished) {

        /** Copies the lists. */
        public Plan {
            destroy = List.copyOf(destroy);
            delete = List.copyOf(delete);
            vanished = List.copyOf(vanished);
        }
    }

    private LeftoverReconciler() {
    }

    /**
     * Returns the plan for {@code observed} containers given the ids the agent {@code expected} to be running.
     * Expected and live containers are destroyed as well when their supervisor is gone; the caller passes only
     * the ids whose supervisor still lives as {@code expected} ({@code runc run} is still waiting for those).
     */
    public static Plan reconcile(Set<String> expected, List<ContainerState> observed) {
        List<ContainerState> destroy = new ArrayList<>();
        List<ContainerState> delete = new ArrayList<>();
        for (ContainerState state : observed) {
            if (expected.contains(state.id())) {
                continue;
            }
            if (state.isAlive()) {
                destroy.add(state);
            } else {
                delete.add(state);
            }
        }
        List<String> known = observed.stream().map(ContainerState::id).toList();
        List<String> vanished = expected.stream().filter(id -> !known.contains(id)).sorted().toList();
        return new Plan(destroy, delete, vanished);
    }
}
