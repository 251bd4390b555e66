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
    void generate_headlessServiceWithEndpoints_readyAddressesAndPerEndpointSrv() {
        RecordSet r = KubernetesServiceRecords.generate(
                List.of(new Service("default", "db", "None", List.of(new Port("pg", "TCP", 5432)))),
                java.util.Map.of("default/db", new KubernetesServiceRecords.Endpoints("default", "db",
                        List.of(new KubernetesServiceRecords.Address("127.0.0.11", ""),
                                new KubernetesServiceRecords.Address("127.0.0.12", "db-1")),
                        List.of(new Port("pg", "TCP", 5432)))));

        assertThat(r.hosts().get("db.default.svc.cluster.local.")).containsExactly("127.0.0.11", "127.0.0.12");
        assertThat(r.hosts().get("127-0-0-11.db.default.svc.cluster.local.")).containsExactly("127.0.0.11");
        assertThat(r.hosts().get("db-1.db.default.svc.cluster.local.")).containsExactly("127.0.0.12");
        assertThat(r.services().get("_pg._tcp.db.default.svc.cluster.local.")).containsExactly(
                new RecordSet.Srv("127-0-0-11.db.default.svc.cluster.local.", 5432),
                new RecordSet.Srv("db-1.db.default.svc.cluster.local.", 5432));
    }

    @Test
    void endpointsOf_apiObject_readyAddressesOnly() throws Exception {
        KubernetesServiceRecords.Endpoints e = KubernetesServiceRecords.Endpoints.of(new ObjectMapper().readTree("""
                {"metadata":{"name":"db","namespace":"default"},
                 "subsets":[{"addresses":[{"ip":"127.0.0.11"}],"notReadyAddresses":[{"ip":"127.0.0.13"}],
                             "ports":[{"name":"pg","port":5432}]}]}"""));

        assertThat(e.addresses()).containsExactly(new KubernetesServiceRecords.Address("127.0.0.11", ""));
        assertThat(e.ports()).containsExactly(new Port("pg", "TCP", 5432));
        assertThat(e.key()).isEqualTo("default/db");
    }

    @Test
    void generate_headlessServiceWithoutEndpoints_noRecordsButZone() {
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
