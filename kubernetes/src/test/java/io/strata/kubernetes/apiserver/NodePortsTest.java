package io.strata.kubernetes.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodePortsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode spec(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void allocate_portsWithoutNodePort_getLowestFreeAndKeepGivenOnes() throws Exception {
        ObjectNode spec = spec("""
                {"type":"NodePort","ports":[{"port":80},{"port":81,"nodePort":30500},{"port":82}]}""");
        Set<Integer> used = new HashSet<>(Set.of(30000, 30002));
        assertThat(NodePorts.allocate(spec, used)).isTrue();
        assertThat(spec.path("ports").findValuesAsText("nodePort")).containsExactly("30001", "30500", "30003");
    }

    @Test
    void allocate_rangeFull_false() throws Exception {
        Set<Integer> used = new HashSet<>();
        for (int p = NodePorts.FIRST; p <= NodePorts.LAST; p++) {
            used.add(p);
        }
        assertThat(NodePorts.allocate(spec("{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}"), used)).isFalse();
    }

    @Test
    void keep_updateWithoutNodePorts_keepsThoseOfTheSamePort() throws Exception {
        ObjectNode next = spec("{\"type\":\"NodePort\",\"ports\":[{\"port\":80},{\"port\":90}]}");
        NodePorts.keep(next, spec("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30007}]}"));
        assertThat(next.path("ports").get(0).path("nodePort").asInt()).isEqualTo(30007);
        assertThat(next.path("ports").get(1).has("nodePort")).isFalse();

        ObjectNode clusterIp = spec("{\"type\":\"ClusterIP\",\"ports\":[{\"port\":80}]}");
        NodePorts.keep(clusterIp, spec("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30007}]}"));
        assertThat(clusterIp.path("ports").get(0).has("nodePort")).isFalse();
    }
}
