package io.strata.kubernetes.controllers.deployment;

import static io.strata.kubernetes.controllers.Fixtures.TYPES;
import static io.strata.kubernetes.controllers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentReconcilerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    private final DeploymentReconciler reconciler = new DeploymentReconciler(TYPES);

    private static ObjectNode deployment(String image, String strategy) {
        return json("{'metadata':{'name':'web','namespace':'default','uid':'d1','generation':1},'spec':{'replicas':3,"
                + "'selector':{'matchLabels':{'app':'web'}},'strategy':{'type':'" + strategy + "'},"
                + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'c','image':'" + image
                + "'}]}}}}");
    }

    /** The ReplicaSet the reconciler would create for {@code d}, as stored with the given counts. */
    private ObjectNode stored(ObjectNode d, int replicas, int available, String revision) {
        ObjectNode rs = ((Intent.Create) reconciler.reconcile(d, List.of(), NOW).intents().get(0)).body();
        ((ObjectNode) rs.get("metadata")).put("uid", "rs-" + revision).put("creationTimestamp",
                "2026-01-01T00:0" + revision + ":00Z");
        ((ObjectNode) rs.path("metadata").path("annotations")).put(DeploymentReconciler.REVISION, revision);
        ((ObjectNode) rs.get("spec")).put("replicas", replicas);
        rs.putObject("status").put("replicas", replicas).put("readyReplicas", available)
                .put("availableReplicas", available);
        return rs;
    }

    @Test
    void reconcile_noReplicaSet_createsHashNamedRevisionOne() {
        Plan plan = reconciler.reconcile(deployment("nginx", "RollingUpdate"), List.of(), NOW);
        JsonNode rs = ((Intent.Create) plan.intents().get(0)).body();
        String hash = rs.path("metadata").path("labels").path("pod-template-hash").asText();
        assertThat(rs.path("metadata").path("name").asText()).isEqualTo("web-" + hash);
        assertThat(rs.path("spec").path("selector").path("matchLabels").path("pod-template-hash").asText()).isEqualTo(hash);
        assertThat(rs.path("spec").path("template").path("metadata").path("labels").path("pod-template-hash").asText())
                .isEqualTo(hash);
        assertThat(rs.path("metadata").path("annotations").path(DeploymentReconciler.REVISION).asText()).isEqualTo("1");
        assertThat(rs.path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void reconcile_templateChanged_newReplicaSetWithNextRevisionWithinSurge() {
        ObjectNode old = stored(deployment("nginx", "RollingUpdate"), 3, 3, "1");
        ObjectNode d = deployment("nginx:2", "RollingUpdate");
        Plan plan = reconciler.reconcile(d, List.of(old), NOW);
        JsonNode rs = ((Intent.Create) plan.intents().get(0)).body();
        assertThat(rs.path("metadata").path("annotations").path(DeploymentReconciler.REVISION).asText()).isEqualTo("2");
        assertThat(rs.path("spec").path("replicas").asInt()).isEqualTo(1);   // 3 + 25% surge (1) - 3 running
        assertThat(rs.path("metadata").path("name").asText()).isNotEqualTo(old.path("metadata").path("name").asText());
    }

    @Test
    void reconcile_recreate_scalesOldToZeroBeforeNew() {
        ObjectNode old = stored(deployment("nginx", "Recreate"), 3, 3, "1");
        ObjectNode d = deployment("nginx:2", "Recreate");
        ObjectNode newRs = stored(d, 0, 0, "2");
        ((ObjectNode) d.get("metadata")).putObject("annotations").put(DeploymentReconciler.REVISION, "2");
        Plan plan = reconciler.reconcile(d, List.of(old, newRs), NOW);
        Intent.Update scale = (Intent.Update) plan.intents().get(0);
        assertThat(scale.name()).isEqualTo(old.path("metadata").path("name").asText());
        assertThat(scale.object().path("spec").path("replicas").asInt()).isZero();
        assertThat(plan.intents()).noneMatch(i -> i instanceof Intent.Update u && u.name().equals(
                newRs.path("metadata").path("name").asText()) && !u.status());
    }

    @Test
    void reconcile_rolledOut_statusNewReplicaSetAvailable() {
        ObjectNode d = deployment("nginx", "RollingUpdate");
        ObjectNode rs = stored(d, 3, 3, "1");
        ((ObjectNode) d.get("metadata")).putObject("annotations").put(DeploymentReconciler.REVISION, "1");
        Plan plan = reconciler.reconcile(d, List.of(rs), NOW);
        Intent.Update status = (Intent.Update) plan.intents().get(plan.intents().size() - 1);
        JsonNode s = status.object().path("status");
        assertThat(s.path("updatedReplicas").asInt()).isEqualTo(3);
        assertThat(s.path("availableReplicas").asInt()).isEqualTo(3);
        assertThat(s.path("observedGeneration").asInt()).isEqualTo(1);
        assertThat(s.path("conditions").get(0).path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
        assertThat(s.path("conditions").get(1).path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        ObjectNode after = d.deepCopy();
        after.set("status", s);
        assertThat(reconciler.reconcile(after, List.of(rs), NOW.plusSeconds(60)).intents()).isEmpty();
    }

    @Test
    void templateHash_ignoresNullsAndTheHashLabel() {
        JsonNode a = json("{'metadata':{'labels':{'app':'web'}},'spec':{'x':1}}");
        JsonNode b = json("{'metadata':{'creationTimestamp':null,'labels':{'app':'web','pod-template-hash':'abc'}},'spec':{'x':1}}");
        assertThat(TemplateHash.equalIgnoringHash(a, b)).isTrue();
        assertThat(TemplateHash.of(a, 0)).isEqualTo(TemplateHash.of(b, 0)).isNotEqualTo(TemplateHash.of(a, 1));
    }
}
