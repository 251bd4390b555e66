package io.strata.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MesosRecordGeneratorTest {
    private static final String AGENT = "20150827-210452-1695027628-5050-1445-S1";
    private static final String FRAMEWORK = "20150827-210452-1695027628-5050-1445-0000";
    private static final HostResolver HOSTS = name -> Optional.ofNullable(Map.of(
            "agent-1.example", "127.0.0.5", "scheduler.example", "127.0.0.9", "master.example", "127.0.0.2").get(name));

    private final MesosRecordGenerator generator =
            new MesosRecordGenerator("mesos", MesosRecordGenerator.DEFAULT_IP_SOURCES, HOSTS);

    private static ClusterState cluster(ClusterState.Task... tasks) {
        ClusterState s = ClusterState.EMPTY
                .withLeader(Optional.of(new ClusterState.Master("master.example", 5050)))
                .withAgent(new ClusterState.Agent(AGENT, "agent-1.example", 5051, "agent-1.example"))
                .withFramework(new ClusterState.Framework(FRAMEWORK, "Marathon", "scheduler.example"));
        for (ClusterState.Task t : tasks) {
            s = s.withTask(t);
        }
        return s;
    }

    private static ClusterState.Task task(String id, String name, String state, List<Long> ports,
                                          ClusterState.Discovery discovery, Map<String, List<String>> ips) {
        return new ClusterState.Task(id, name, FRAMEWORK, AGENT, state, ports, discovery, ips);
    }

    @Test
    void generate_leaderAgentsFrameworks_specialRecords() {
        RecordSet r = generator.generate(cluster());

        assertThat(r.domains()).containsExactly("mesos.");
        assertThat(r.hosts()).containsEntry("leader.mesos.", List.of("127.0.0.2"))
                .containsEntry("master.mesos.", List.of("127.0.0.2"))
                .containsEntry("master0.mesos.", List.of("127.0.0.2"))
                .containsEntry("slave.mesos.", List.of("127.0.0.5"))
                .containsEntry("agent.mesos.", List.of("127.0.0.5"))
                .containsEntry("marathon.mesos.", List.of("127.0.0.9"));
        assertThat(r.services()).containsEntry("_leader._tcp.mesos.", List.of(new RecordSet.Srv("leader.mesos.", 5050)))
                .containsEntry("_leader._udp.mesos.", List.of(new RecordSet.Srv("leader.mesos.", 5050)))
                .containsEntry("_slave._tcp.mesos.", List.of(new RecordSet.Srv("slave.mesos.", 5051)));
    }

    @Test
    void generate_runningTaskWithPorts_aAndSrvRecordsAsMesosDns() {
        String canonical = "search-" + Naming.taskHash("search.1") + "-s1";

        RecordSet r = generator.generate(cluster(task("search.1", "Search", "TASK_RUNNING", List.of(31302L, 31303L),
                null, Map.of())));

        // no netinfo: the task's IP is its agent's ("host" source)
        assertThat(r.hosts()).containsEntry("search.marathon.mesos.", List.of("127.0.0.5"))
                .containsEntry(canonical + ".marathon.mesos.", List.of("127.0.0.5"))
                .containsEntry("search.marathon.slave.mesos.", List.of("127.0.0.5"))
                .containsEntry(canonical + ".marathon.slave.mesos.", List.of("127.0.0.5"));
        List<RecordSet.Srv> targets = List.of(new RecordSet.Srv(canonical + ".marathon.slave.mesos.", 31302),
                new RecordSet.Srv(canonical + ".marathon.slave.mesos.", 31303));
        assertThat(r.services()).containsEntry("_search._tcp.marathon.mesos.", targets)
                .containsEntry("_search._udp.marathon.mesos.", targets)
                .containsEntry("_search._tcp.marathon.slave.mesos.", targets);
    }

    @Test
    void generate_taskWithDiscoveryInfo_discoveryNameAndPorts() {
        ClusterState.Discovery discovery = new ClusterState.Discovery("Web.Front", List.of(
                new ClusterState.DiscoveryPort(8080, "http", "tcp"), new ClusterState.DiscoveryPort(9090, null, null)));
        String canonical = "web-front-" + Naming.taskHash("t1") + "-s1";

        RecordSet r = generator.generate(cluster(task("t1", "ignored", "TASK_RUNNING", List.of(31000L), discovery,
                Map.of("netinfo", List.of("127.17.0.3", "fd00::1")))));

        assertThat(r.hosts()).containsEntry("web-front.marathon.mesos.", List.of("127.17.0.3"))
                .containsEntry("web-front.marathon.slave.mesos.", List.of("127.0.0.5"))
                .doesNotContainKey("ignored.marathon.mesos.");
        RecordSet.Srv http = new RecordSet.Srv(canonical + ".marathon.mesos.", 8080);
        RecordSet.Srv other = new RecordSet.Srv(canonical + ".marathon.mesos.", 9090);
        assertThat(r.services()).containsEntry("_web-front._tcp.marathon.mesos.", List.of(http, other))
                .containsEntry("_web-front._udp.marathon.mesos.", List.of(other))
                .containsEntry("_http._web-front._tcp.marathon.mesos.", List.of(http))
                // port resources only under .slave when DiscoveryInfo exists
                .containsEntry("_web-front._tcp.marathon.slave.mesos.",
                        List.of(new RecordSet.Srv(canonical + ".marathon.slave.mesos.", 31000)));
    }

    @Test
    void generate_taskNotRunning_noRecords() {
        RecordSet r = generator.generate(cluster(task("a", "staging", "TASK_STAGING", List.of(31000L), null, Map.of())));

        assertThat(r.hosts()).doesNotContainKey("staging.marathon.mesos.");
        assertThat(r.services()).doesNotContainKey("_staging._tcp.marathon.mesos.");
    }

    @Test
    void generate_twoTasksSameName_bothAddressesUnderOneName() {
        ClusterState s = cluster(task("a", "web", "TASK_RUNNING", List.of(), null, Map.of("netinfo", List.of("127.1.0.1"))),
                task("b", "web", "TASK_RUNNING", List.of(), null, Map.of("netinfo", List.of("127.1.0.2"))));

        assertThat(generator.generate(s).hosts().get("web.marathon.mesos."))
                .containsExactlyInAnyOrder("127.1.0.1", "127.1.0.2");
    }

    @Test
    void generate_taskOnUnknownAgent_noRecords() {
        ClusterState s = cluster().withTask(new ClusterState.Task("x", "lost", FRAMEWORK, "other-S9", "TASK_RUNNING",
                List.of(), null, Map.of()));

        assertThat(generator.generate(s).hosts()).doesNotContainKey("lost.marathon.mesos.");
    }

    @Test
    void generate_otherDomainAndHostIpSourceFirst_agentIpUsed() {
        MesosRecordGenerator g = new MesosRecordGenerator("dc1.example", List.of("host", "netinfo"), HOSTS);

        RecordSet r = g.generate(cluster(task("a", "db", "TASK_RUNNING", List.of(), null,
                Map.of("netinfo", List.of("127.1.0.1")))));

        assertThat(r.domains()).containsExactly("dc1.example.");
        assertThat(r.hosts()).containsEntry("db.marathon.dc1.example.", List.of("127.0.0.5"))
                .containsEntry("leader.dc1.example.", List.of("127.0.0.2"));
    }
}
