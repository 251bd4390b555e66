package io.strata.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.dns.DnsConfig;
import io.strata.dns.DnsServer;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The DNS server following a real in-process Kubernetes API server's Services through list-then-watch. */
class KubernetesServiceSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestingServer zk;
    private KubernetesFramework api;
    private DnsServer dns;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws IOException {
        zk.close();
    }

    @AfterEach
    void stop() {
        if (dns != null) {
            dns.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private void start(String chroot) {
        api = KubernetesFramework.start(KubernetesConfig.of(zk.getConnectString() + chroot, "", 0));
        dns = DnsServer.start(DnsConfig.forTests(null).withPorts(0, -1).withKubernetes(URI.create(api.url())));
    }

    private JsonNode createService(String name, String portName, int port) throws Exception {
        String body = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
                 "spec":{"selector":{"app":"%s"},"ports":[{"name":"%s","protocol":"TCP","port":%d}]}}"""
                .formatted(name, name, portName, port);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api.url()
                        + "/api/v1/namespaces/default/services")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private void deleteService(String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api.url()
                + "/api/v1/namespaces/default/services/" + name)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private Message query(String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(dns.dnsAddress());
        resolver.setTimeout(Duration.ofSeconds(10));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private List<String> addresses(String name) throws IOException {
        return query(name, Type.A).getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    @Test
    void service_createdThenDeleted_answersClusterIpAndSrvThenNxdomain() throws Exception {
        start("/k8s-a");
        Message before = query("web.default.svc.cluster.local.", Type.A);
        assertThat(before.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(before.getSection(Section.AUTHORITY)).anyMatch(r -> r instanceof SOARecord);

        String clusterIp = createService("web", "http", 8080).path("spec").path("clusterIP").asText();
        assertThat(clusterIp).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(addresses("web.default.svc.cluster.local.")).containsExactly(clusterIp));
        Message srv = query("_http._tcp.web.default.svc.cluster.local.", Type.SRV);
        assertThat(srv.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(srv.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            SRVRecord s = (SRVRecord) r;
            assertThat(s.getPort()).isEqualTo(8080);
            assertThat(s.getTarget()).isEqualTo(Name.fromString("web.default.svc.cluster.local."));
        });

        deleteService("web");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(query("web.default.svc.cluster.local.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN));
        assertThat(query("_http._tcp.web.default.svc.cluster.local.", Type.SRV).getRcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void apiServerRestart_streamBreaks_recoversAndFollowsNewServices() throws Exception {
        start("/k8s-b");
        String webIp = createService("web", "http", 80).path("spec").path("clusterIP").asText();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(addresses("web.default.svc.cluster.local.")).containsExactly(webIp));

        int port = api.port();
        api.close();
        api = null;
        assertThat(addresses("web.default.svc.cluster.local.")).as("stale records are kept").containsExactly(webIp);
        api = KubernetesFramework.start(KubernetesConfig.of(zk.getConnectString() + "/k8s-b", "", port));

        String dbIp = createService("db", "postgres", 5432).path("spec").path("clusterIP").asText();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(addresses("db.default.svc.cluster.local.")).containsExactly(dbIp));
        assertThat(addresses("web.default.svc.cluster.local.")).containsExactly(webIp);
        deleteService("web");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(query("web.default.svc.cluster.local.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN));
    }

    private void post(String resource, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api.url()
                        + "/api/v1/namespaces/default/" + resource)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void headlessService_withEndpoints_answersReadyAddresses() throws Exception {
        start("/k8s-c");
        post("services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},
                 "spec":{"clusterIP":"None","ports":[{"name":"pg","protocol":"TCP","port":5432}]}}""");
        post("endpoints", """
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db"},
                 "subsets":[{"addresses":[{"ip":"127.0.0.11"},{"ip":"127.0.0.12","hostname":"db-1"}],
                             "notReadyAddresses":[{"ip":"127.0.0.13"}],
                             "ports":[{"name":"pg","protocol":"TCP","port":5432}]}]}""");

        await().atMost(WAIT).untilAsserted(() -> assertThat(addresses("db.default.svc.cluster.local."))
                .containsExactlyInAnyOrder("127.0.0.11", "127.0.0.12"));
        assertThat(addresses("db-1.db.default.svc.cluster.local.")).containsExactly("127.0.0.12");
        assertThat(query("_pg._tcp.db.default.svc.cluster.local.", Type.SRV).getSection(Section.ANSWER))
                .extracting(r -> ((SRVRecord) r).getTarget().toString() + ":" + ((SRVRecord) r).getPort())
                .containsExactlyInAnyOrder("127-0-0-11.db.default.svc.cluster.local.:5432",
                        "db-1.db.default.svc.cluster.local.:5432");
    }
}
