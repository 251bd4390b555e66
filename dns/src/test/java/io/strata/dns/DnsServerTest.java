package io.strata.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.dns.records.RecordSet;
import io.strata.dns.source.StaticRecordSource;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The server over real sockets with fixed records: wire answers, forwarding, bad packets and the HTTP API. */
class DnsServerTest {
    private static DnsServer upstream;
    private static DnsServer server;

    @BeforeAll
    static void start() {
        upstream = DnsServer.start(DnsConfig.forTests(null).withDomain("example").withPorts(0, -1),
                List.of(new StaticRecordSource("static", new RecordSet.Builder().domain("example")
                        .a("www.example", "127.9.9.9").build())));
        RecordSet records = new RecordSet.Builder().domain("mesos")
                .a("leader.mesos", "127.0.0.1")
                .a("web.marathon.mesos", "127.0.0.1").a("web.marathon.mesos", "127.0.0.2")
                .a("web-abcde-s0.marathon.slave.mesos", "127.0.0.1")
                .srv("_web._tcp.marathon.mesos", "web-abcde-s0.marathon.slave.mesos", 31001)
                .build();
        server = DnsServer.start(DnsConfig.forTests(null).withResolvers(List.of(upstream.dnsAddress())),
                List.of(new StaticRecordSource("static", records)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static Message query(String name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server.dnsAddress());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(10));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> addresses(Message m, int section) {
        return m.getSection(section).stream().filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    @Test
    void query_knownA_authoritativeAnswersOverUdpAndTcp() throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Message m = query("web.marathon.mesos.", Type.A, tcp);

            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(addresses(m, Section.ANSWER)).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
        }
    }

    @Test
    void query_nameWithSeveralRecords_eachRecordComesFirstSometimes() throws IOException {
        java.util.Set<String> first = new java.util.HashSet<>();
        for (int i = 0; i < 64; i++) { // a record missing from first place 64 times in a row: p = 2^-64
            first.add(addresses(query("web.marathon.mesos.", Type.A, false), Section.ANSWER).get(0));
        }

        assertThat(first).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
    }

    @Test
    void query_mixedCaseName_answered() throws IOException {
        assertThat(addresses(query("Leader.MESOS.", Type.A, false), Section.ANSWER)).containsExactly("127.0.0.1");
    }

    @Test
    void query_repeatedWithOtherIdAndCase_answerCarriesEachQuerysIdAndName() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(5_000);
            for (String name : List.of("leader.mesos.", "LEADER.mesos.", "leader.MESOS.", "lEaDeR.mesos.")) {
                Message q = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
                byte[] wire = q.toWire();
                socket.send(new DatagramPacket(wire, wire.length, server.dnsAddress()));
                byte[] buf = new byte[512];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message reply = new Message(Arrays.copyOf(buf, p.getLength()));

                assertThat(reply.getHeader().getID()).isEqualTo(q.getHeader().getID());
                assertThat(reply.getHeader().getFlag(Flags.RD)).isEqualTo(q.getHeader().getFlag(Flags.RD));
                assertThat(reply.getQuestion().getName().toString()).isEqualTo(name);
                assertThat(addresses(reply, Section.ANSWER)).containsExactly("127.0.0.1");
            }
        }
    }

    @Test
    void query_srv_targetsWithAddressesInAdditional() throws IOException {
        Message m = query("_web._tcp.marathon.mesos.", Type.SRV, false);

        assertThat(m.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            SRVRecord srv = (SRVRecord) r;
            assertThat(srv.getPort()).isEqualTo(31001);
            assertThat(srv.getTarget().toString()).isEqualTo("web-abcde-s0.marathon.slave.mesos.");
        });
        assertThat(addresses(m, Section.ADDITIONAL)).containsExactly("127.0.0.1");
    }

    @Test
    void query_unknownNameInDomain_nxdomainWithSoa() throws IOException {
        Message m = query("nothing.marathon.mesos.", Type.A, false);

        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(m.getSection(Section.AUTHORITY)).singleElement()
                .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
    }

    @Test
    void query_knownNameOtherType_emptyNoerrorWithSoa() throws IOException {
        Message m = query("web.marathon.mesos.", Type.AAAA, false);

        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        assertThat(m.getSection(Section.AUTHORITY)).singleElement()
                .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
    }

    @Test
    void query_apexSoaAndNs_answered() throws IOException {
        Message soa = query("mesos.", Type.SOA, false);
        Message ns = query("mesos.", Type.NS, false);

        assertThat(soa.getSection(Section.ANSWER)).singleElement().satisfies(r ->
                assertThat(r.rdataToString()).startsWith("ns1.mesos. root.ns1.mesos."));
        assertThat(ns.getSection(Section.ANSWER)).singleElement().satisfies(r ->
                assertThat(r.rdataToString()).isEqualTo("ns1.mesos."));
        assertThat(addresses(ns, Section.ADDITIONAL)).containsExactly("127.0.0.1");
    }

    @Test
    void query_otherDomain_forwardedToUpstreamOverUdpAndTcp() throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Message m = query("www.example.", Type.A, tcp);

            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(addresses(m, Section.ANSWER)).containsExactly("127.9.9.9");
        }
    }

    @Test
    void query_otherDomainWithoutResolvers_refused() throws IOException {
        SimpleResolver resolver = new SimpleResolver(upstream.dnsAddress());
        Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("web.marathon.mesos."),
                Type.A, DClass.IN)));

        assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void receive_malformedPackets_formerrOrIgnoredAndServerKeepsAnswering() throws IOException {
        Random random = new Random(42);
        System.out.println("malformed packet seed 42");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(2_000);
            byte[] valid = Message.newQuery(Record.newRecord(Name.fromString("leader.mesos."), Type.A, DClass.IN))
                    .toWire();
            List<byte[]> bad = Stream.concat(Stream.of(new byte[0], new byte[] {1}, new byte[11],
                            Arrays.copyOf(valid, valid.length - 3), new byte[512]),
                    Stream.generate(() -> {
                        byte[] b = new byte[random.nextInt(1, 300)];
                        random.nextBytes(b);
                        return b;
                    }).limit(200)).toList();
            for (byte[] b : bad) {
                socket.send(new DatagramPacket(b, b.length, server.dnsAddress()));
            }
            byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
            socket.send(new DatagramPacket(truncated, truncated.length, server.dnsAddress()));
            byte[] buf = new byte[4096];
            boolean formerr = false;
            try {
                for (int i = 0; i < 300 && !formerr; i++) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    formerr = (buf[3] & 0x0f) == Rcode.FORMERR && buf[0] == truncated[0] && buf[1] == truncated[1];
                }
            } catch (java.net.SocketTimeoutException e) {
                // fewer answers than packets: the unparseable ones without an id get none
            }
            assertThat(formerr).as("FORMERR for a truncated query, with its id").isTrue();
        }
        assertThat(addresses(query("leader.mesos.", Type.A, false), Section.ANSWER)).containsExactly("127.0.0.1");
        assertThat(addresses(query("leader.mesos.", Type.A, true), Section.ANSWER)).containsExactly("127.0.0.1");
    }

    @Test
    void dig_knownSrv_answersWithTarget() throws IOException, InterruptedException {
        assumeThat(Stream.of("/usr/bin/dig", "/bin/dig").anyMatch(p -> Files.isExecutable(Path.of(p))))
                .as("dig is installed (Debian bind9-dnsutils)").isTrue();
        Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(server.dnsPort()), "+short",
                "+tries=3", "+time=5", "_web._tcp.marathon.mesos", "SRV").redirectErrorStream(true).start();
        String out = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dig.waitFor();

        assertThat(out.strip()).isEqualTo("0 0 31001 web-abcde-s0.marathon.slave.mesos.");
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Json.parse(r.body(), JsonNode.class);
    }

    @Test
    void http_hostsAndServices_mesosDnsShapes() throws IOException, InterruptedException {
        assertThat(get("/v1/hosts/leader.mesos")).isEqualTo(Json.parse(
                "[{\"host\":\"leader.mesos.\",\"ip\":\"127.0.0.1\"}]".getBytes(StandardCharsets.UTF_8), JsonNode.class));
        assertThat(get("/v1/services/_web._tcp.marathon.mesos.")).isEqualTo(Json.parse("""
                [{"host":"web-abcde-s0.marathon.slave.mesos.","ip":"127.0.0.1","port":"31001",
                  "service":"_web._tcp.marathon.mesos."}]""".getBytes(StandardCharsets.UTF_8), JsonNode.class));
    }

    @Test
    void http_unknownNames_oneEmptyEntry() throws IOException, InterruptedException {
        assertThat(get("/v1/hosts/nope.mesos").toString()).isEqualTo("[{\"host\":\"\",\"ip\":\"\"}]");
        assertThat(get("/v1/services/_nope._tcp.mesos").toString())
                .isEqualTo("[{\"host\":\"\",\"ip\":\"\",\"port\":\"\",\"service\":\"\"}]");
    }

    @Test
    void http_versionAndConfig_mesosDnsFields() throws IOException, InterruptedException {
        JsonNode version = get("/v1/version");
        JsonNode config = get("/v1/config");

        assertThat(version.path("Service").asText()).isEqualTo("Mesos-DNS");
        assertThat(version.has("URL")).isTrue();
        assertThat(version.path("Version").asText()).isEqualTo(DnsServer.VERSION);
        assertThat(config.path("Domain").asText()).isEqualTo("mesos");
        assertThat(config.path("Port").asInt()).isEqualTo(server.dnsPort());
        assertThat(config.path("HTTPPort").asInt()).isEqualTo(server.httpPort());
        assertThat(config.path("Resolvers").get(0).asText()).isEqualTo("127.0.0.1:" + upstream.dnsPort());
        assertThat(config.path("ExternalOn").asBoolean()).isTrue();
        assertThat(config.path("SOAMname").asText()).isEqualTo("ns1.mesos.");
    }
}
