package io.strata.kubernetes.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodPlacerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PodTerms pod(String json) throws Exception {
        return PodTerms.of(JSON.readTree(json));
    }

    private static NodeTerms node(String name, double mem, Map<String, String> labels, List<NodeTerms.Taint> taints,
            boolean publicRole) {
        Resources r = Resources.of(Resource.scalar("cpus", publicRole ? "slave_public" : "*", 4),
                Resource.scalar("mem", publicRole ? "slave_public" : "*", mem));
        return new NodeTerms("a-" + name, name, labels, taints, publicRole, r, r);
    }

    private static NodeTerms node(String name, double mem, Map<String, String> labels) {
        return node(name, mem, labels, List.of(), false);
    }

    @Test
    void place_noNodeFits_messageAsUpstreamsFitError() throws Exception {
        PodTerms p = pod("""
                {"metadata":{"name":"p","namespace":"d"},"spec":{"nodeSelector":{"disk":"ssd"},"containers":[
                {"name":"c","resources":{"requests":{"memory":"1Gi"}}}]}}""");
        List<NodeTerms> nodes = List.of(node("a", 512, Map.of("disk", "ssd")), node("b", 512, Map.of("disk", "ssd")),
                node("c", 4096, Map.of()));

        PodPlacer.Result r = PodPlacer.place(List.of(p), nodes, 1);

        assertThat(r.placed()).isEmpty();
        assertThat(r.failed()).containsExactly(new PodPlacer.Failure("d/p", "0/3 nodes are available: 1 node(s)"
                + " didn't match Pod's node affinity/selector, 2 Insufficient memory."));
    }

    @Test
    void place_taintNotTolerated_rejectedUnlessTolerated() throws Exception {
        List<NodeTerms> nodes = List.of(node("a", 4096, Map.of(),
                List.of(new NodeTerms.Taint("gpu", "yes", "NoSchedule")), false));

        assertThat(PodPlacer.place(List.of(pod("{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}")), nodes, 1)
                .failed()).extracting(PodPlacer.Failure::message)
                .containsExactly("0/1 nodes are available: 1 node(s) had untolerated taint {gpu: yes}.");
        PodTerms tolerant = pod("""
                {"spec":{"tolerations":[{"key":"gpu","operator":"Exists"}],"containers":[{"name":"c"}]}}""");
        assertThat(PodPlacer.place(List.of(tolerant), nodes, 1).placed()).hasSize(1);
    }

    @Test
    void place_requiredNodeAffinity_choosesMatchingNodeWithMostFreeMemory() throws Exception {
        PodTerms p = pod("""
                {"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]}]}]}}},
                "containers":[{"name":"c"}]}}""");
        List<NodeTerms> nodes = List.of(node("x", 8000, Map.of("zone", "c")), node("y", 1000, Map.of("zone", "a")),
                node("z", 2000, Map.of("zone", "b")));

        assertThat(PodPlacer.place(List.of(p), nodes, 1).placed()).extracting(pl -> pl.node().name())
                .containsExactly("z");
    }

    @Test
    void place_publicRoleLabel_onlyOnPublicAgents() throws Exception {
        PodTerms p = pod("""
                {"metadata":{"labels":{"k8s.mesosphere.io/roles":"public"}},"spec":{"containers":[{"name":"c"}]}}""");
        NodeTerms priv = node("a", 4096, Map.of());
        NodeTerms pub = node("b", 4096, Map.of(), List.of(), true);

        assertThat(PodPlacer.place(List.of(p), List.of(priv, pub), 1).placed()).extracting(pl -> pl.node().name())
                .containsExactly("b");
        assertThat(PodPlacer.place(List.of(p), List.of(priv), 1).failed()).extracting(PodPlacer.Failure::message)
                .containsExactly("0/1 nodes are available: 1 node(s) didn't match the pod's role"
                        + " (k8s.mesosphere.io/roles).");
    }

    @Test
    void place_manyPodsOnManyNodes_spreadWithinCapacityAndOverflowReported() throws Exception {
        // 500 nodes of 4 cpus; pods of 1 cpu (0.99 + the executor's 0.01): 4 fit per node, 2,000 in all
        List<NodeTerms> nodes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            nodes.add(node("n" + i, 65536, Map.of()));
        }
        List<PodTerms> pods = new ArrayList<>();
        for (int i = 0; i < 2_010; i++) {
            pods.add(pod("{\"metadata\":{\"name\":\"p" + i + "\",\"namespace\":\"d\"},\"spec\":{\"containers\":"
                    + "[{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"990m\"}}}]}}"));
        }

        PodPlacer.Result r = PodPlacer.place(pods, nodes, 7);

        Map<String, Integer> perNode = new HashMap<>();
        r.placed().forEach(pl -> perNode.merge(pl.node().name(), 1, Integer::sum));
        assertThat(r.placed()).hasSize(2_000);
        assertThat(perNode).hasSize(500).allSatisfy((n, count) -> assertThat(count).isEqualTo(4));
        assertThat(r.failed()).hasSize(10).extracting(PodPlacer.Failure::message)
                .containsOnly("0/500 nodes are available: 500 Insufficient cpu.");
    }

    @Test
    void windowSize_asUpstreamsPercentageOfNodesToScore() {
        assertThat(PodPlacer.windowSize(50)).isEqualTo(50);
        assertThat(PodPlacer.windowSize(150)).isEqualTo(100);
        assertThat(PodPlacer.windowSize(5_000)).isEqualTo(500);
    }
}
