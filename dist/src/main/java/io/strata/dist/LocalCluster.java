package io.strata.dist;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.agent.AgentResources;
import io.strata.core.resources.Range;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.core.resources.Resources;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A whole cluster in one process, as {@code strata up} runs it: an embedded ZooKeeper, one master and N
 * agents, each agent on its own loopback address (127.0.1.1, 127.0.1.2, ... when N > 1) with its own work
 * directory and an equal share of this machine's resources. They talk only over their HTTP APIs.
 */
public final class LocalCluster implements AutoCloseable {
    private final EmbeddedZooKeeper zk;
    private final Master master;
    private final List<Agent> agents;

    private LocalCluster(EmbeddedZooKeeper zk, Master master, List<Agent> agents) {
        this.zk = zk;
        this.master = master;
        this.agents = agents;
    }

    /**
     * Settings of a local cluster. Ports 0 pick free ones (tests); {@code agentResources} overrides the
     * per-agent share (e.g. {@code cpus:1;mem:512}) and {@code attributes} applies to every agent.
     * {@code heartbeatInterval} is the master's HEARTBEAT period on event streams: a closed stream (a framework or
     * agent gone) is noticed at the next write, so tests shorten it.
     */
    public record Settings(Path dataDir, int agents, int zkPort, int masterPort, int agentPort, String isolation,
                           String agentResources, String attributes, Duration agentPingTimeout,
                           Duration heartbeatInterval, io.strata.agent.ImageSettings images) {
        public Settings {
            if (agents < 1 || agents > 250) {
                throw new IllegalArgumentException("--agents must be between 1 and 250, not " + agents);
            }
        }

        /** Defaults for tests: ephemeral ports under dataDir. */
        public static Settings forTests(Path dataDir, int agents) {
            return new Settings(dataDir, agents, 0, 0, 0, "cgroups", "", "", Duration.ofSeconds(15),
                    Duration.ofSeconds(1), io.strata.agent.ImageSettings.DEFAULT);
        }

        /** Defaults of {@code strata up}: Mesos' ping timeout and heartbeat interval (15 s). */
        public static Settings forUp(Path dataDir, int agents, int zkPort, int masterPort, int agentPort,
                                     String isolation, String agentResources, String attributes) {
            return new Settings(dataDir, agents, zkPort, masterPort, agentPort, isolation, agentResources, attributes,
                    Duration.ofSeconds(15), Duration.ofSeconds(15), io.strata.agent.ImageSettings.DEFAULT);
        }

        /** The same settings with where agents get images from. */
        public Settings withImages(io.strata.agent.ImageSettings settings) {
            return new Settings(dataDir, agents, zkPort, masterPort, agentPort, isolation, agentResources,
                    attributes, agentPingTimeout, heartbeatInterval, settings);
        }

        public Settings withAgentResources(String text) {
            return new Settings(dataDir, agents, zkPort, masterPort, agentPort, isolation, text, attributes,
                    agentPingTimeout, heartbeatInterval, images);
        }

        public Settings withAgentPingTimeout(Duration timeout) {
            return new Settings(dataDir, agents, zkPort, masterPort, agentPort, isolation, agentResources,
                    attributes, timeout, heartbeatInterval, images);
        }

        public Settings withHeartbeatInterval(Duration interval) {
            return new Settings(dataDir, agents, zkPort, masterPort, agentPort, isolation, agentResources,
                    attributes, agentPingTimeout, interval, images);
        }
    }

    /** Starts ZooKeeper, the master and the agents, reporting each step to progress. */
    public static LocalCluster start(Settings s, Consumer<String> progress) {
        try {
            Files.createDirectories(s.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + s.dataDir(), e);
        }
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(s.dataDir().resolve("zk"), "127.0.0.1", s.zkPort());
        progress.accept("ZooKeeper   " + zk.connectString());
        Master master = null;
        List<Agent> agents = new ArrayList<>();
        try {
            master = Master.start(MasterConfig.defaults("127.0.0.1", s.masterPort(), zk.connectString() + "/strata")
                    .withAgentPing(s.agentPingTimeout(), 5).withHeartbeatInterval(s.heartbeatInterval()));
            if (!master.awaitLeadership(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the master did not become leader within 30 s");
            }
            progress.accept("master      " + master.url());
            List<String> shares = shares(s);
            for (int i = 0; i < s.agents(); i++) {
                String host = s.agents() == 1 ? "127.0.0.1" : "127.0.1." + (i + 1);
                Path workDir = s.dataDir().resolve("agents").resolve(String.valueOf(i)).toAbsolutePath();
                AgentConfig config = AgentConfig.defaults(host, s.agentPort(), master.url(), workDir)
                        .withResources(shares.get(i)).withAttributes(s.attributes()).withIsolation(s.isolation())
                        .withCgroupName("up-" + Integer.toHexString(workDir.toString().hashCode()) + "-" + i)
                        .withImages(s.images());
                Agent agent = Agent.start(config);
                agents.add(agent);
                progress.accept("agent " + i + "     " + agent.url());
            }
            return new LocalCluster(zk, master, agents);
        } catch (RuntimeException e) {
            agents.forEach(Agent::close);
            if (master != null) {
                master.close();
            }
            zk.close();
            throw e;
        }
    }

    /** Each agent's resources: the override if given, else an equal share of this host. */
    private static List<String> shares(Settings s) {
        List<String> out = new ArrayList<>();
        if (!s.agentResources().isBlank()) {
            for (int i = 0; i < s.agents(); i++) {
                out.add(s.agentResources());
            }
            return out;
        }
        Resources host = AgentResources.total("", s.dataDir());
        int n = s.agents();
        double cpus = host.scalar(Resource.CPUS).asDouble() / n;
        double mem = Math.floor(host.scalar(Resource.MEM).asDouble() / n);
        double disk = Math.floor(host.scalar(Resource.DISK).asDouble() / n);
        List<Range> ports = host.ports().ranges();
        long first = ports.isEmpty() ? 31000 : ports.get(0).begin();
        long last = ports.isEmpty() ? 32000 : ports.get(ports.size() - 1).end();
        long per = Math.max(1, (last - first + 1) / n);
        for (int i = 0; i < n; i++) {
            long begin = first + i * per;
            long end = i == n - 1 ? last : begin + per - 1;
            String text = String.format(Locale.ROOT, "cpus:%.3f;mem:%.0f;disk:%.0f;ports:[%d-%d]",
                    Math.max(0.1, cpus), mem, disk, begin, end);
            ResourceParser.parse(text, "*"); // fail early on a bad share
            out.add(text);
        }
        return out;
    }

    public Master master() {
        return master;
    }

    public List<Agent> agents() {
        return List.copyOf(agents);
    }

    public String zkConnectString() {
        return zk.connectString();
    }

    /** Kills every task, then stops the agents, the master and ZooKeeper. */
    @Override
    public void close() {
        for (Agent a : agents) {
            a.shutdown(Duration.ofSeconds(3));
        }
        master.close();
        zk.close();
    }

    /** Stops without killing tasks (as a crash would), for recovery tests. */
    public void crash() {
        agents.forEach(Agent::close);
        master.close();
        zk.close();
    }
}
