package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeftoverReconcilerTest {

    private static ContainerState state(String id, ContainerState.Status status) {
        return new ContainerState(id, status == ContainerState.Status.STOPPED ? 0 : 100, status, Path.of("/b", id));
    }

    @Test
    void reconcile_mixedLeftovers_destroysLiveDeletesStoppedReportsVanished() {
        ContainerState supervised = state("a", ContainerState.Status.RUNNING);
        ContainerState orphan = state("b", ContainerState.Status.RUNNING);
        ContainerState paused = state("c", ContainerState.Status.PAUSED);
        ContainerState stopped = state("d", ContainerState.Status.STOPPED);

        LeftoverReconciler.Plan plan = LeftoverReconciler.reconcile(Set.of("a", "z", "y"),
                List.of(supervised, orphan, paused, stopped));

        assertThat(plan.destroy()).containsExactly(orphan, paused);
        assertThat(plan.delete()).containsExactly(stopped);
        assertThat(plan.vanished()).containsExactly("y", "z");
    }

    @Test
    void reconcile_nothingObserved_everythingExpectedVanished() {
        LeftoverReconciler.Plan plan = LeftoverReconciler.reconcile(Set.of("a"), List.of());
        assertThat(plan.destroy()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.vanished()).containsExactly("a");
    }
}
