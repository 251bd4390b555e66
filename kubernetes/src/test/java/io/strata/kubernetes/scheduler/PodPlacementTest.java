package io.strata.kubernetes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.kubernetes.nodes.AgentNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodPlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode pod(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static PodPlacement.Candidate node(String name, double mem, Map<String, String> labels,
            List<JsonNode> taints) {
        return new PodPlacement.Candidate(new AgentNode(name, "a-" + name, labels, 4, mem, false), 4, mem, taints);
    }

    @Test
    void place_noNodeFits_messageAsUpstreamsFitError() throws Exception {
        JsonNode p = pod("""
                {"metadata":{"name":"p"},"spec":{"nodeSelector":{"disk":"ssd"},"containers":[{"name":"c",
                "resources":{"requests":{"memory":"1Gi"}}}]}}""");
        List<PodPlacement.Candidate> nodes = List.of(node("a", 512, Map.of("disk", "ssd"), List.of()),
                node("b", 512, Map.of("disk", "ssd"), List.of()), node("c", 4096, Map.of(), List.of()));

        PodPlacement.Decision d = PodPlacement.place(p, nodes);

        assertThat(d).isEqualTo(new PodPlacement.Decision.Unschedulable("0/3 nodes are available: 1 node(s) didn't"
                + " match Pod's node affinity/selector, 2 Insufficient memory."));
    }

    @Test
    void place_taintNotTolerated_rejectedUnlessTolerated() throws Exception {
        JsonNode taint = JSON.readTree("{\"key\":\"gpu\",\"value\":\"yes\",\"effect\":\"NoSchedule\"}");
        List<PodPlacement.Candidate> nodes = List.of(node("a", 4096, Map.of(), List.of(taint)));

        assertThat(PodPlacement.place(pod("{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}"), nodes))
                .isEqualTo(new PodPlacement.Decision.Unschedulable(
                        "0/1 nodes are available: 1 node(s) had untolerated taint {gpu: yes}."));
        JsonNode tolerant = pod("""
                {"spec":{"tolerations":[{"key":"gpu","operator":"Exists"}],"containers":[{"name":"c"}]}}""");
        assertThat(PodPlacement.place(tolerant, nodes)).isInstanceOf(PodPlacement.Decision.Placed.class);
    }

    @Test
    void place_requiredNodeAffinity_choosesMatchingNodeWithMostFreeMemory() throws Exception {
        JsonNode p = pod("""
                {"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]}]}]}}},
                "containers":[{"name":"c"}]}}""");
        List<PodPlacement.Candidate> nodes = List.of(node("x", 8000, Map.of("zone", "c"), List.of()),
                node("y", 1000, Map.of("zone", "a"), List.of()), node("z", 2000, Map.of("zone", "b"), List.of()));

        PodPlacement.Decision d = PodPlacement.place(p, nodes);

        assertThat(((PodPlacement.Decision.Placed) d).node().node().name()).isEqualTo("z");
    }

    @Test
    void place_publicRoleLabel_onlyOnPublicAgents() throws Exception {
        JsonNode p = pod("""
                {"metadata":{"labels":{"k8s.mesosphere.io/roles":"public"}},"spec":{"containers":[{"name":"c"}]}}""");
        PodPlacement.Candidate priv = node("a", 4096, Map.of(), List.of());
        PodPlacement.Candidate pub = new PodPlacement.Candidate(new AgentNode("b", "a-b", Map.of(), 4, 4096, true),
                4, 4096, List.of());

        assertThat(((PodPlacement.Decision.Placed) PodPlacement.place(p, List.of(priv, pub))).node().node().name())
                .isEqualTo("b");
        assertThat(PodPlacement.place(p, List.of(priv))).isInstanceOf(PodPlacement.Decision.Unschedulable.class);
    }
}
