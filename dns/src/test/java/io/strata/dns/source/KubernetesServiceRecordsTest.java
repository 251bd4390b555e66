package io.strata.dns.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.dns.records.RecordSet;
import io.strata.dns.source.KubernetesServiceRecords.Port;
import io.strata.dns.source.KubernetesServiceRecords.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesServiceRecordsTest {
    @Test
    void generate_serviceWithNamedPorts_aAndSrvPerNamedPort() {
        RecordSet r = KubernetesServiceRecords.generate(List.of(new Service("shop", "web", "127.100.0.7",
                List.of(new Port("http", "TCP", 80), new Port("dns", "UDP", 53), new Port("", "TCP", 9000)))));

        assertThat(r.domains()).containsExactly("cluster.local.");
        assertThat(r.hosts()).containsExactly(java.util.Map.entry("web.shop.svc.cluster.local.",
                List.of("127.100.0.7")));
        assertThat(r.services()).containsOnlyKeys("_http._tcp.web.shop.svc.cluster.local.",
                "_dns._udp.web.shop.svc.cluster.local.");
        assertThat(r.services().get("_dns._udp.web.shop.svc.cluster.local."))
                .containsExactly(new RecordSet.Srv("web.shop.svc.cluster.local.", 53));
    }

    @Test
    void generate_headlessService_noRecordsButZone() {
        RecordSet r = KubernetesServiceRecords.generate(List.of(
                new Service("default", "db", "None", List.of(new Port("pg", "TCP", 5432)))));

        assertThat(r.domains()).containsExactly("cluster.local.");
        assertThat(r.hosts()).isEmpty();
        assertThat(r.services()).isEmpty();
    }

    @Test
    void serviceOf_apiObject_readsNamespaceNameIpAndPorts() throws Exception {
        Service s = Service.of(new ObjectMapper().readTree("""
                {"metadata":{"name":"web","namespace":"shop"},
                 "spec":{"clusterIP":"127.100.0.9","ports":[{"name":"http","port":80}]}}"""));

        assertThat(s).isEqualTo(new Service("shop", "web", "127.100.0.9", List.of(new Port("http", "TCP", 80))));
        assertThat(s.key()).isEqualTo("shop/web");
    }
}
