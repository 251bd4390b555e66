package io.strata.services;

import io.strata.api.mesos.FrameworkInfo;
import io.strata.client.MasterLocator;
import io.strata.server.HttpServer;
import io.strata.services.engine.EventBus;
import io.strata.services.engine.ServicesEngine;
import io.strata.services.http.Leadership;
import io.strata.services.http.MarathonApi;
import io.strata.services.store.ServicesStore;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeaderDetector;
import io.strata.store.leader.LeadershipListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running services (Marathon-compatible) instance: the HTTP API, a ZooKeeper session, and a seat in the
 * leader election. The elected instance runs the {@link ServicesEngine} (Mesos framework {@code marathon});
 * standbys forward API calls to it. Several instances with the same {@code zk} path form one HA service.
 *
 * <p>Lifecycle: {@link #start} returns once the API listens (leadership may come later); {@link #close} leaves
 * the election, stops the engine (tasks keep running: the next leader fails over to the same framework id) and
 * the server. Thread-safe.
 */
public final class ServicesFramework implements AutoCloseable {
    /** The version reported by {@code /v2/info}. */
    public static final String VERSION = "1.4.0-strata";
    private static final Logger LOG = LoggerFactory.getLogger(ServicesFramework.class);

    private final ServicesConfig config;
    private final CuratorFramework client;
    private final ServicesStore store;
    private final EventBus events = new EventBus(Clock.systemUTC());
    private final AtomicReference<ServicesEngine> engine = new AtomicReference<>();
    private final ExecutorService transitions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "services-leadership");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String leaderPath;
    private HttpServer server;
    private LeaderContender contender;
    private LeaderDetector detector;

    private ServicesFramework(ServicesConfig config) {
        this.config = config;
        ZkAddress address = ZkAddress.parse(config.zk());
        this.client = Curators.connect(address, Curators.DEFAULT_SESSION_TIMEOUT);
        this.store = new ServicesStore(client, address.path());
        this.leaderPath = address.path() + "/leader";
    }

    /**
     * Starts an instance: connects to ZooKeeper, opens the API and joins the election.
     *
     * @throws IllegalStateException if the port cannot be bound
     * @throws io.strata.store.StoreException if ZooKeeper cannot be reached
     */
    public static ServicesFramework start(ServicesConfig config) {
        ServicesFramework framework = new ServicesFramework(config);
        try {
            framework.open();
            return framework;
        } catch (RuntimeException e) {
            framework.close();
            throw e;
        }
    }

    private void open() {
        MarathonApi api = new MarathonApi(new Seat(), events, this::info);
        server = HttpServer.start(config.host(), config.port(), api::register);
        detector = new LeaderDetector(client, leaderPath);
        detector.start();
        contender = new LeaderContender(client, leaderPath, hostPort().getBytes(StandardCharsets.UTF_8),
                new LeadershipListener() {
                    @Override
                    public void elected(Epoch epoch) {
                        transitions.execute(() -> lead(epoch));
                    }

                    @Override
                    public void lost(String reason) {
                        transitions.execute(() -> abdicate(reason));
                    }
                });
        contender.start();
    }

    /** Starts the engine with every store write fenced by this term's {@code epoch}. */
    private void lead(Epoch epoch) {
        if (closed.get() || engine.get() != null) {
            return;
        }
        FrameworkInfo info = new FrameworkInfo(config.user(), config.frameworkName(), null,
                (double) config.failoverTimeout().toSeconds(), true, config.role(), config.hostname(), null,
                // partition aware as Marathon 1.4+: unreachable tasks arrive as TASK_UNREACHABLE (not TASK_LOST), so
                // the apps' unreachableStrategy decides when they are replaced
                url(), List.of(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.PARTITION_AWARE)), null);
        ServicesEngine next = new ServicesEngine(store.fencedBy(epoch, leaderPath), events, Clock.systemUTC(),
                () -> MasterLocator.standard().resolve(config.master()), info);
        try {
            next.start();
            engine.set(next);
            LOG.info("services instance {} leads", hostPort());
        } catch (RuntimeException e) {
            LOG.error("cannot start leading", e);
            next.close();
        }
    }

    private void abdicate(String reason) {
        ServicesEngine current = engine.getAndSet(null);
        if (current != null) {
            LOG.warn("services instance {} stopped leading: {}", hostPort(), reason);
            current.close();
        }
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + hostPort();
    }

    /** The bound API port. */
    public int port() {
        return server.port();
    }

    /** Whether this instance leads. */
    public boolean isLeader() {
        return engine.get() != null;
    }

    /** The engine while leading (for tests and embedding), else empty. */
    public Optional<ServicesEngine> engine() {
        return Optional.ofNullable(engine.get());
    }

    /** Waits until this instance leads, at most {@code timeout}. */
    public boolean awaitLeadership(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isLeader()) {
                return true;
            }
            Thread.sleep(50);
        }
        return isLeader();
    }

    private String hostPort() {
        return config.hostname() + ":" + server.port();
    }

    private Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", "marathon");
        out.put("version", VERSION);
        out.put("buildref", "strata");
        out.put("elected", isLeader());
        out.put("leader", new Seat().leader().orElse(null));
        out.put("frameworkId", engine().map(ServicesEngine::frameworkId).orElse(store.frameworkId().orElse(null)));
        Map<String, Object> marathon = new LinkedHashMap<>();
        marathon.put("master", config.master());
        marathon.put("failover_timeout", config.failoverTimeout().toSeconds());
        marathon.put("framework_name", config.frameworkName());
        marathon.put("ha", true);
        marathon.put("checkpoint", true);
        marathon.put("local_port_min", io.strata.services.engine.AppCommands.SERVICE_PORT_MIN);
        marathon.put("local_port_max", io.strata.services.engine.AppCommands.SERVICE_PORT_MAX);
        marathon.put("executor", "//cmd");
        marathon.put("hostname", config.hostname());
        marathon.put("webui_url", null);
        marathon.put("mesos_role", config.role());
        marathon.put("task_launch_timeout", 300000);
        marathon.put("reconciliation_initial_delay", 0);
        marathon.put("reconciliation_interval", 600000);
        marathon.put("mesos_user", config.user());
        marathon.put("decline_offer_duration", 120000);
        out.put("marathon_config", marathon);
        Map<String, Object> zk = new LinkedHashMap<>();
        zk.put("zk", config.zk().startsWith("zk://") ? config.zk() : "zk://" + config.zk());
        zk.put("zk_timeout", Curators.DEFAULT_SESSION_TIMEOUT.toMillis());
        zk.put("zk_session_timeout", Curators.DEFAULT_SESSION_TIMEOUT.toMillis());
        out.put("zookeeper_config", zk);
        out.put("event_subscriber", Map.of("type", "sse"));
        out.put("http_config", Map.of("http_port", server.port(), "https_port", 8443));
        return out;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (contender != null) {
            contender.close();
        }
        transitions.execute(() -> abdicate("closing"));
        transitions.shutdown();
        try {
            transitions.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (detector != null) {
            detector.close();
        }
        if (server != null) {
            server.close();
        }
        client.close();
    }

    /** The API's view of the election. */
    private final class Seat implements Leadership {
        @Override
        public Optional<ServicesEngine> engine() {
            return Optional.ofNullable(engine.get());
        }

        @Override
        public Optional<String> leader() {
            if (engine.get() != null) {
                return Optional.of(hostPort());
            }
            return detector == null ? Optional.empty()
                    : detector.leaderData().map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
