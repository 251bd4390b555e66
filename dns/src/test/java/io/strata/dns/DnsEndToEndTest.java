package io.strata.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.dns.records.Naming;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import io.strata.testing.framework.TestFramework;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS server following a real in-process master (found through ZooKeeper) with a real agent running real
 * {@code sleep} tasks launched by a real framework over the scheduler API; answers checked with dnsjava's
 * resolver (and dig when installed). The tests run in order: records appear, disappear, then the leader moves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnsEndToEndTest {
    private static final String FRAMEWORK = "DnsTest";
    @TempDir
    static Path dir;
    private static EmbeddedZooKeeper zk;
    private static Master master;
    private static Agent agent;
    private static DnsServer dns;
    private static TestFramework framework;

    @BeforeAll
    static void start() {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), "127.0.0.1", 0);
        master = startMaster();
        Path work = dir.resolve("agent").toAbsolutePath();
        agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, master.url(), work)
                .withResources("cpus:2;mem:1024;disk:1024;ports:[31000-31100]").withIsolation("cgroups")
                .withCgroupName("dns-e2e-" + Integer.toHexString(work.toString().hashCode())));
        await().atMost(Duration.ofSeconds(30)).until(agent::connected);
        dns = DnsServer.start(DnsConfig.forTests("zk://" + zk.connectString() + "/strata"));
        framework = TestFramework.subscribe(master.url(), FRAMEWORK);
    }

    private static Master startMaster() {
        Master m = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.connectString() + "/strata")
                .withHeartbeatInterval(Duration.ofSeconds(1)));
        return m;
    }

    @AfterAll
    static void stop() {
        if (framework != null) {
            framework.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (agent != null) {
            agent.shutdown(Duration.ofSeconds(3));
        }
        if (master != null) {
            master.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    private static Message query(String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(dns.dnsAddress());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> a(String name) throws IOException {
        return query(name, Type.A).getSection(Section.ANSWER).stream()
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    private static List<SRVRecord> srv(String name) throws IOException {
        return query(name, Type.SRV).getSection(Section.ANSWER).stream().map(r -> (SRVRecord) r).toList();
    }

    @Test
    @Order(1)
    void leader_followedThroughZooKeeper_leaderMasterAndAgentRecords() {
        int port = URI.create(master.url()).getPort();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(a("leader.mesos.")).containsExactly("127.0.0.1");
            assertThat(a("master.mesos.")).containsExactly("127.0.0.1");
            assertThat(a("agent.mesos.")).containsExactly("127.0.0.1");
            assertThat(a("slave.mesos.")).containsExactly("127.0.0.1");
            assertThat(srv("_leader._tcp.mesos.")).singleElement()
                    .satisfies(s -> assertThat(s.getPort()).isEqualTo(port));
            assertThat(a("dnstest.mesos.")).containsExactly("127.0.0.1");
        });
    }

    @Test
    @Order(2)
    void taskRunning_recordsAppearAndDisappearWhenItEnds() throws Exception {
        framework.launch(new TestFramework.Launch("web.1", "Web.Server", "sleep 600", true, null));
        long running = framework.awaitState("web.1", TaskState.TASK_RUNNING);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !a("web-server.dnstest.mesos.").isEmpty());
        System.out.printf("web-server.dnstest.mesos answered %d ms after the framework saw TASK_RUNNING%n",
                (System.nanoTime() - running) / 1_000_000);

        long port = framework.port("web.1").orElseThrow();
        String canonical = "web-server-" + Naming.taskHash("web.1") + "-s0.dnstest.slave.mesos.";
        assertThat(a("web-server.dnstest.mesos.")).containsExactly("127.0.0.1");
        assertThat(srv("_web-server._tcp.dnstest.mesos.")).singleElement().satisfies(s -> {
            assertThat(s.getPort()).isEqualTo((int) port);
            assertThat(s.getTarget().toString()).isEqualTo(canonical);
        });
        assertThat(srv("_web-server._udp.dnstest.mesos.")).hasSize(1);
        assertThat(a(canonical)).containsExactly("127.0.0.1");
        assertThat(http("/v1/hosts/web-server.dnstest.mesos"))
                .isEqualTo("[{\"host\":\"web-server.dnstest.mesos.\",\"ip\":\"127.0.0.1\"}]");
        assertThat(http("/v1/services/_web-server._tcp.dnstest.mesos")).isEqualTo("[{\"host\":\"" + canonical
                + "\",\"ip\":\"127.0.0.1\",\"port\":\"" + port + "\",\"service\":\"_web-server._tcp.dnstest.mesos.\"}]");
        dig("web-server.dnstest.mesos", "A", "127.0.0.1");

        framework.kill("web.1");
        framework.awaitState("web.1", TaskState.TASK_KILLED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(query("web-server.dnstest.mesos.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(srv("_web-server._tcp.dnstest.mesos.")).isEmpty();
        });
    }

    @Test
    @Order(3)
    void taskWithDiscoveryInfo_srvAtDiscoveryPort() throws Exception {
        TaskInfo.DiscoveryInfo discovery = new TaskInfo.DiscoveryInfo("FRAMEWORK", "api", null, null, null,
                new TaskInfo.DiscoveryInfo.Ports(List.of(new TaskInfo.DiscoveryInfo.Port(8080, "http", "tcp"))), null);
        framework.launch(new TestFramework.Launch("api.1", "ignored-name", "sleep 600", true, discovery));
        framework.awaitState("api.1", TaskState.TASK_RUNNING);

        String canonical = "api-" + Naming.taskHash("api.1") + "-s0.dnstest.mesos.";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(a("api.dnstest.mesos.")).containsExactly("127.0.0.1");
            assertThat(srv("_api._tcp.dnstest.mesos.")).singleElement().satisfies(s -> {
                assertThat(s.getPort()).isEqualTo(8080);
                assertThat(s.getTarget().toString()).isEqualTo(canonical);
            });
            assertThat(srv("_http._api._tcp.dnstest.mesos.")).hasSize(1);
            assertThat(srv("_api._tcp.dnstest.slave.mesos.")).singleElement()
                    .satisfies(s -> assertThat(s.getPort()).isEqualTo((int) framework.port("api.1").orElseThrow()));
        });
        assertThat(a("ignored-name.dnstest.mesos.")).isEmpty();
    }

    @Test
    @Order(4)
    void leaderChanges_streamReopenedOnTheNewLeader() {
        Master second = startMaster();
        int secondPort = URI.create(second.url()).getPort();
        master.close();
        master = second;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(srv("_leader._tcp.mesos."))
                .singleElement().satisfies(s -> assertThat(s.getPort()).isEqualTo(secondPort)));
    }

    private static String http(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dns.httpPort()
                + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void dig(String name, String type, String expected) throws IOException, InterruptedException {
        if (Stream.of("/usr/bin/dig", "/bin/dig").noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            System.out.println("dig is not installed; checked with dnsjava only");
            return;
        }
        Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(dns.dnsPort()), "+short",
                "+time=5", name, type).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out.strip()).isEqualTo(expected);
    }
}
