package io.strata.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.client.MasterLocator;
import io.strata.jobs.engine.JobEngine;
import io.strata.jobs.engine.JobMetrics;
import io.strata.jobs.http.ChronosRoutes;
import io.strata.jobs.http.LeaderView;
import io.strata.jobs.mesos.MesosLauncher;
import io.strata.jobs.store.JobRepository;
import io.strata.server.HttpServer;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import io.strata.store.ZkStateStore;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeaderDetector;
import io.strata.store.leader.LeadershipListener;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the jobs framework: its HTTP API, its place in the leader election, and, while it
 * leads, the job engine and the Mesos subscription.
 *
 * <p>Instances sharing a ZooKeeper path elect one leader (the store module's {@link LeaderContender}, whose epoch
 * fences the leader's writes); standbys answer API calls with 307 to the leader. On election the leader loads the
 * jobs, subscribes with the stored framework id and reconciles; on losing the lead it stops both at once.
 * Leadership changes are handled on one thread, one at a time.
 */
public final class JobsFramework implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsFramework.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JobsConfig config;
    private final ZkAddress zk;
    private final CuratorFramework curator;
    private final JobMetrics metrics = new JobMetrics(new SimpleMeterRegistry());
    private final ExecutorService leadershipThread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("strata-jobs-leadership").daemon().factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HttpServer http;
    private final String url;
    private final LeaderDetector detector;
    private final LeaderContender contender;
    private volatile Leading leading;

    /** What runs while this instance leads. */
    private record Leading(JobEngine engine, MesosLauncher launcher) {
    }

    private JobsFramework(JobsConfig config) {
        this.config = config;
        this.zk = zkAddress(config.zk());
        this.curator = Curators.connect(zk, Curators.DEFAULT_SESSION_TIMEOUT);
        HttpServer server;
        try {
            server = HttpServer.start(config.host(), config.port(),
                    routes -> new ChronosRoutes(new View(), InstantSource.system()).register(routes));
        } catch (RuntimeException e) {
            curator.close();
            throw e;
        }
        this.http = server;
        this.url = "http://" + config.urlHost() + ":" + http.port();
        this.detector = new LeaderDetector(curator, zk.path());
        detector.start();
        byte[] data = json(Map.of("url", url, "framework", config.frameworkName()));
        this.contender = new LeaderContender(curator, zk.path(), data, new LeadershipListener() {
            @Override
            public void elected(Epoch epoch) {
                leadershipThread.execute(() -> lead(epoch));
            }

            @Override
            public void lost(String reason) {
                leadershipThread.execute(() -> stepDown(reason));
            }
        });
        contender.start();
    }

    /**
     * Starts an instance: connects to ZooKeeper, serves the API and joins the leader election.
     *
     * @throws IllegalArgumentException for a malformed ZooKeeper address
     * @throws IllegalStateException when the port cannot be bound
     * @throws io.strata.store.StoreException when ZooKeeper is unreachable
     */
    public static JobsFramework start(JobsConfig config) {
        return new JobsFramework(config);
    }

    /** The base URL of this instance's API, e.g. {@code http://127.0.0.1:4400}. */
    public String url() {
        return url;
    }

    /** Whether this instance leads and runs the engine. */
    public boolean isLeader() {
        return leading != null;
    }

    /** Whether this instance leads and is subscribed to the master. */
    public boolean isSubscribed() {
        Leading current = leading;
        return current != null && current.launcher().subscribed();
    }

    /** The framework id, once this instance leads and the master assigned one. */
    public Optional<String> frameworkId() {
        Leading current = leading;
        return current == null ? Optional.empty() : Optional.ofNullable(current.launcher().frameworkId());
    }

    /** The metrics of this instance (schedule slip, skipped slots, outcomes). */
    public JobMetrics metrics() {
        return metrics;
    }

    /** Waits until this instance leads and is subscribed; returns whether it did within {@code timeout}. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isSubscribed()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void lead(Epoch epoch) {
        if (closed.get() || leading != null) {
            return;
        }
        LOG.info("elected leader of {} (epoch {})", zk, epoch.value());
        JobRepository repository = new JobRepository(new ZkStateStore(curator, zk.path()).fencedBy(epoch));
        MasterLocator locator = MasterLocator.standard();
        MesosLauncher launcher = new MesosLauncher(() -> locator.resolve(config.master()), repository,
                config.frameworkName(), config.role(), url);
        JobEngine engine = new JobEngine(repository, launcher, InstantSource.system(), metrics);
        try {
            engine.start();
        } catch (RuntimeException e) {
            LOG.error("cannot load the jobs; giving up the lead", e);
            engine.close();
            launcher.close();
            contender.close();
            return;
        }
        launcher.start(engine);
        leading = new Leading(engine, launcher);
    }

    private void stepDown(String reason) {
        Leading current = leading;
        leading = null;
        if (current != null) {
            LOG.warn("lost the lead: {}", reason);
            current.launcher().close();
            current.engine().close();
        }
    }

    private static ZkAddress zkAddress(String text) {
        String address = text.strip();
        String rest = address.startsWith("zk://") ? address.substring(5) : address;
        if (!rest.contains("/")) {
            rest = rest + JobsConfig.DEFAULT_ZK_PATH;
        }
        return ZkAddress.parse("zk://" + rest);
    }

    private static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the API, leaves the election (a standby takes over at once) and disconnects. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        contender.close();
        leadershipThread.execute(() -> stepDown("closed"));
        leadershipThread.shutdown();
        try {
            leadershipThread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        detector.close();
        curator.close();
    }

    /** The leadership view the HTTP layer reads. */
    private final class View implements LeaderView {
        @Override
        public Optional<JobEngine> engine() {
            Leading current = leading;
            return current == null ? Optional.empty() : Optional.of(current.engine());
        }

        @Override
        public Optional<String> leaderUrl() {
            if (leading != null) {
                return Optional.of(url);
            }
            return detector.leaderData().flatMap(JobsFramework::urlOf);
        }

        @Override
        public String selfUrl() {
            return url;
        }

        @Override
        public JobMetrics metrics() {
            return metrics;
        }
    }

    private static Optional<String> urlOf(byte[] data) {
        try {
            return Optional.ofNullable(MAPPER.readTree(data).path("url").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "JobsFramework[" + url + ", zk " + zk + ", leader " + isLeader() + "]";
    }
}
