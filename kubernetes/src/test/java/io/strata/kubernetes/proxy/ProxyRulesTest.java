package io.strata.kubernetes.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String ENDPOINTS = """
            {"metadata":{"namespace":"default","name":"web"},"subsets":[
              {"addresses":[{"ip":"10.0.0.1"}],"notReadyAddresses":[{"ip":"10.0.0.9"}],
               "ports":[{"name":"http","port":31000},{"name":"metrics","port":31001}]},
              {"addresses":[{"ip":"10.0.0.2"}],"ports":[{"name":"http","port":31005}]}]}""";

    @Test
    void compute_namedPorts_matchSubsetPortsByNameAndSkipNotReady() throws Exception {
        JsonNode svc = json("""
                {"metadata":{"namespace":"default","name":"web"},"spec":{"type":"NodePort","clusterIP":"127.100.0.7",
                 "ports":[{"name":"http","port":80,"nodePort":30001},{"name":"metrics","port":9090}]}}""");
        Map<Frontend, List<Backend>> table = ProxyRules.compute(List.of(svc),
                Map.of("default/web", json(ENDPOINTS)), "10.1.1.1");
        assertThat(table).containsEntry(new Frontend("127.100.0.7", 80, "default/web:http"),
                List.of(new Backend("10.0.0.1", 31000), new Backend("10.0.0.2", 31005)));
        assertThat(table).containsEntry(new Frontend("10.1.1.1", 30001, "default/web:http"),
                List.of(new Backend("10.0.0.1", 31000), new Backend("10.0.0.2", 31005)));
        assertThat(table).containsEntry(new Frontend("127.100.0.7", 9090, "default/web:metrics"),
                List.of(new Backend("10.0.0.1", 31001)));
        assertThat(table).hasSize(3); // the nodePort-less metrics port has no NodePort frontend
    }

    @Test
    void compute_headlessExternalNameUdpAndNoNodeAddress_noFrontends() throws Exception {
        JsonNode headless = json("""
                {"metadata":{"namespace":"a","name":"h"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}""");
        JsonNode external = json("""
                {"metadata":{"namespace":"a","name":"e"},"spec":{"type":"ExternalName","externalName":"x.org"}}""");
        JsonNode udp = json("""
                {"metadata":{"namespace":"a","name":"u"},"spec":{"clusterIP":"127.100.0.9",
                 "ports":[{"port":53,"protocol":"UDP"}]}}""");
        JsonNode nodePort = json("""
                {"metadata":{"namespace":"a","name":"n"},"spec":{"type":"NodePort","clusterIP":"127.100.0.8",
                 "ports":[{"port":80,"nodePort":30002}]}}""");
        Map<Frontend, List<Backend>> table = ProxyRules.compute(List.of(headless, external, udp, nodePort), Map.of(),
                "");
        // only the NodePort service's ClusterIP, without endpoints (connections are closed at once)
        assertThat(table).containsOnlyKeys(new Frontend("127.100.0.8", 80, "a/n:80"));
        assertThat(table.values()).containsOnly(List.of());
    }
}
