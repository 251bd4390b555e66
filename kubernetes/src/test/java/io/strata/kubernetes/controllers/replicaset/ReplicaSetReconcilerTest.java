package io.strata.kubernetes.controllers.replicaset;

import static io.strata.kubernetes.controllers.Fixtures.TYPES;
import static io.strata.kubernetes.controllers.Fixtures.json;
import static io.strata.kubernetes.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetReconcilerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    private final ReplicaSetReconciler reconciler = new ReplicaSetReconciler(TYPES);

    private static JsonNode rs(int replicas) {
        return json("{'metadata':{'name':'web','namespace':'default','uid':'rs1','generation':2},'spec':{'replicas':"
                + replicas + ",'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
                + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}},'status':{'replicas':0}}");
    }

    @Test
    void reconcile_tooFewPods_createsFromTemplateWithControllerRef() {
        Plan plan = reconciler.reconcile(rs(3), List.of(pod("a", "rs1", "Running", true, "n1", "2026-01-01T00:00:00Z")), NOW);
        List<Intent.Create> creates = plan.intents().stream().filter(i -> i instanceof Intent.Create)
                .map(i -> (Intent.Create) i).toList();
        assertThat(creates).hasSize(2);
        JsonNode body = creates.get(0).body();
        assertThat(body.path("metadata").path("generateName").asText()).isEqualTo("web-");
        assertThat(body.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
        assertThat(PodState.controllerUid(body)).isEqualTo("rs1");
        Intent.Update status = (Intent.Update) plan.intents().get(plan.intents().size() - 1);
        assertThat(status.status()).isTrue();
        assertThat(status.object().path("status").toString()).isEqualTo(
                "{\"replicas\":1,\"fullyLabeledReplicas\":1,\"readyReplicas\":1,\"availableReplicas\":1,"
                        + "\"observedGeneration\":2}");
    }

    @Test
    void reconcile_matchingOrphan_adoptedInsteadOfCreated() {
        Plan plan = reconciler.reconcile(rs(1), List.of(pod("orphan", "", "Running", true, "n1", "2026-01-01T00:00:00Z")), NOW);
        assertThat(plan.intents()).noneMatch(i -> i instanceof Intent.Create);
        Intent.Update adopt = (Intent.Update) plan.intents().get(0);
        assertThat(adopt.name()).isEqualTo("orphan");
        assertThat(PodState.controllerUid(adopt.object())).isEqualTo("rs1");
    }

    @Test
    void reconcile_tooManyPods_deletesUnscheduledThenPendingThenNotReadyFirst() {
        List<JsonNode> pods = List.of(
                pod("ready-old", "rs1", "Running", true, "n1", "2026-01-01T00:00:00Z"),
                pod("ready-new", "rs1", "Running", true, "n1", "2026-01-01T00:10:00Z"),
                pod("notready", "rs1", "Running", false, "n1", "2026-01-01T00:00:00Z"),
                pod("pending", "rs1", "Pending", false, "n1", "2026-01-01T00:00:00Z"),
                pod("unscheduled", "rs1", "Pending", false, "", "2026-01-01T00:00:00Z"));
        Plan plan = reconciler.reconcile(rs(1), pods, NOW);
        assertThat(plan.intents().stream().filter(i -> i instanceof Intent.Delete)
                .map(i -> ((Intent.Delete) i).name())).containsExactly("unscheduled", "pending", "notready", "ready-new");
    }

    @Test
    void reconcile_finishedAndOtherPods_ignored() {
        List<JsonNode> pods = List.of(pod("done", "rs1", "Succeeded", false, "n1", "2026-01-01T00:00:00Z"),
                pod("other", "rs2", "Running", true, "n1", "2026-01-01T00:00:00Z"));
        Plan plan = reconciler.reconcile(rs(1), pods, NOW);
        assertThat(plan.intents().stream().filter(i -> i instanceof Intent.Create)).hasSize(1);
        assertThat(plan.intents()).noneMatch(i -> i instanceof Intent.Delete);
    }
}
