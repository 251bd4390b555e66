package io.strata.master;

import io.strata.api.json.Json;
import io.strata.api.mesos.Address;
import io.strata.api.mesos.MasterInfo;
import io.strata.master.allocation.CoreAllocator;
import io.strata.master.engine.MasterContext;
import io.strata.master.engine.OperatorEvents;
import io.strata.master.engine.Term;
import io.strata.master.http.MasterRoutes;
import io.strata.master.persist.ZkMasterStore;
import io.strata.master.registry.Registry;
import io.strata.server.HttpServer;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import io.strata.store.ZkStateStore;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeaderDetector;
import io.strata.store.leader.LeadershipListener;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master process: HTTP APIs, leader election in ZooKeeper, and — while leading — a {@link Term} that runs
 * the registry, the allocator and the timers. A master always takes leadership through election, even alone;
 * a master that is not leading redirects API calls to the leader (307) or answers 503 when there is none.
 *
 * <p>Lifecycle: {@link #start} returns once the HTTP server listens and the master contends; {@link #close}
 * ends the term, leaves the election and stops the server. Idempotent.
 */
public final class Master implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    public static final String VERSION = "1.1.0";

    private final MasterConfig config;
    private final MasterLoop loop;
    private final CuratorFramework curator;
    private final ZkAddress zk;
    private final HttpServer http;
    private final OperatorEvents events = new OperatorEvents();
    private final LeaderDetector detector;
    private final MasterInfo info;
    private final double startTime;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicBoolean allocationPending = new AtomicBoolean();
    private volatile LeaderContender contender;
    private volatile Term term;
    private volatile Epoch epoch;
    /** How long close() waits for store writes still in flight, so a graceful failover loses nothing. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private Master(MasterConfig config) {
        this.config = config;
        this.startTime = System.currentTimeMillis() / 1000.0;
        this.loop = new MasterLoop("master");
        this.zk = ZkAddress.parse(config.zk());
        this.curator = Curators.connect(zk, Curators.DEFAULT_SESSION_TIMEOUT);
        this.http = HttpServer.start(config.host(), config.port(), routes -> new MasterRoutes(this).register(routes));
        int port = http.port();
        this.info = new MasterInfo(UUID.randomUUID().toString(), ipAsInt(config.host()), port,
                "master@" + config.host() + ":" + port, config.host(), VERSION,
                new Address(config.host(), config.host(), port));
        this.detector = new LeaderDetector(curator, zk.path());
        this.detector.start();
    }

    /** Starts a master and enters the leader election. */
    public static Master start(MasterConfig config) {
        Master m = new Master(config);
        m.contend();
        LOG.info("master {} listening on {}", m.info.id(), m.url());
        return m;
    }

    private void contend() {
        LeaderContender c = new LeaderContender(curator, zk.path(), Json.toBytes(info), new LeadershipListener() {
            @Override
            public void elected(Epoch epoch) {
                loop.execute(() -> becomeLeader(epoch));
            }

            @Override
            public void lost(String reason) {
                loop.execute(() -> stepDown(reason));
            }
        });
        contender = c;
        c.start();
    }

    private void becomeLeader(Epoch epoch) {
        if (closed.get() || term != null) {
            return;
        }
        LOG.info("elected leading master with epoch {}", epoch.value());
        // Store futures complete on ZooKeeper's event thread (one hop less on the launch path): every continuation
        // the master attaches only queues work on the loop or issues more asynchronous writes, never waits.
        var store = new ZkMasterStore(new ZkStateStore(curator, zk.path()).fencedInlineBy(epoch),
                reason -> loop.execute(() -> stepDown(reason)),
                true);
        Registry registry = new Registry(UUID.randomUUID().toString());
        MasterContext ctx = new MasterContext(config, registry,
                new CoreAllocator(new SplittableRandom(epoch.value()), config.roleWeights()), store,
                InstantSource.system(), events, info, startTime);
        Term t = new Term(ctx);
        t.recover(store.load());
        ctx.onAllocationRequest(this::requestAllocation);
        ctx.useLoop(loop::execute);
        term = t;
        this.epoch = epoch;
        timers.add(loop.every(config.allocationInterval(), () -> ifTerm(tm -> tm.offers.allocate())));
        timers.add(loop.every(Duration.ofSeconds(1), () -> ifTerm(tm -> {
            tm.offers.expire();
            tm.agents.checkHealth();
            tm.frameworks.expireFailovers();
        })));
        timers.add(loop.every(config.heartbeatInterval(), () -> ifTerm(Term::heartbeat)));
    }

    private void requestAllocation() {
        if (allocationPending.compareAndSet(false, true)) {
            loop.after(Duration.ofMillis(10), () -> {
                allocationPending.set(false);
                ifTerm(tm -> tm.offers.allocate());
            });
        }
    }

    private void ifTerm(java.util.function.Consumer<Term> work) {
        Term t = term;
        if (t != null) {
            work.accept(t);
        }
    }

    private void stepDown(String reason) {
        Term t = term;
        if (t == null) {
            return;
        }
        LOG.warn("giving up leadership: {}", reason);
        term = null;
        epoch = null;
        timers.forEach(f -> f.cancel(false));
        timers.clear();
        t.close();
        LeaderContender c = contender;
        if (c != null) {
            c.close();
        }
        if (!closed.get()) {
            contend();
        }
    }

    /** The current term while leading, else empty. For the HTTP layer; use only on the loop. */
    public Optional<Term> term() {
        return Optional.ofNullable(term);
    }

    /** The leadership epoch while leading, else empty. */
    public Optional<Long> epoch() {
        Epoch e = epoch;
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /**
     * Gives up leadership, if leading, and contends again behind the other masters (an operator draining
     * this master, or a test making a deposed master). Returns at once; the next leader is elected in ZooKeeper.
     */
    public void resign() {
        loop.execute(() -> stepDown("resigned"));
    }

    /** The loop all registry work runs on. */
    public MasterLoop loop() {
        return loop;
    }

    /** The leading master's base URL as published in ZooKeeper, if any. */
    public Optional<String> leaderUrl() {
        return detector.leaderData().map(bytes -> {
            MasterInfo leader = Json.parse(bytes, MasterInfo.class);
            String host = leader.address() != null ? leader.address().ip() : leader.hostname();
            return "http://" + host + ":" + leader.port();
        });
    }

    /** Whether this master leads now. */
    public boolean isLeader() {
        return term != null;
    }

    /** Waits until this master leads. */
    public boolean awaitLeadership(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (term != null) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return term != null;
    }

    public MasterConfig config() {
        return config;
    }

    public MasterInfo info() {
        return info;
    }

    public OperatorEvents events() {
        return events;
    }

    public double startTime() {
        return startTime;
    }

    /** The bound HTTP port. */
    public int port() {
        return http.port();
    }

    /** This master's base URL. */
    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    private static long ipAsInt(String host) {
        try {
            byte[] b = InetAddress.getByName(host).getAddress();
            if (b.length != 4) {
                return 0;
            }
            // Mesos stores the address in network byte order read as a little-endian uint32
            return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        } catch (java.net.UnknownHostException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.call(() -> {
            Term t = term;
            term = null;
            epoch = null;
            timers.forEach(f -> f.cancel(false));
            if (t != null) {
                t.close();
                t.ctx.store.flush(FLUSH_TIMEOUT);
            }
            return null;
        });
        LeaderContender c = contender;
        if (c != null) {
            c.close();
        }
        detector.close();
        http.close();
        loop.close();
        curator.close();
    }
}
