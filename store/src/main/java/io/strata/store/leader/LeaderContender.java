package io.strata.store.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contends for leadership of a Strata cluster the way Mesos masters do, and increments the leadership
 * {@link Epoch} on each election.
 *
 * <p>On {@link #start()} the contender creates the ephemeral sequential member {@code <base>/json.info_<seq>}
 * holding the caller's bytes and watches the base path's children. When its member has the smallest sequence it
 * increments {@code <base>/epoch} (see {@link EpochCounter}) and reports {@link LeadershipListener#elected}.
 * It reports {@link LeadershipListener#lost} as soon as the ZooKeeper connection is suspended, the session is
 * lost, another member takes the lead, or the contender is closed; the successor's epoch increment fences any
 * write the deposed leader still attempts. After a lost session the contender joins again with a new member, so a
 * process that keeps running may be elected again later, with a higher epoch.
 *
 * <p>Lifecycle NEW -> STARTED -> CLOSED; {@code close()} is idempotent and deletes the member so that another
 * contender takes over at once. The {@link CuratorFramework} is the caller's: it must be started, it is not
 * closed here, and each contender needs a client (a session) of its own for a failover to mean anything.
 * Thread-safe; all transitions and listener calls run on one event thread per contender.
 */
public final class LeaderContender implements AutoCloseable {

    /** The name prefix of member znodes, as Mesos masters write them (label {@code json.info}). */
    public static final String MEMBER_PREFIX = Member.PREFIX;

    private static final Logger LOG = LoggerFactory.getLogger(LeaderContender.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final String REASON_SUSPENDED = "ZooKeeper connection suspended";
    private static final String REASON_SESSION_LOST = "ZooKeeper session lost";
    private static final String REASON_MEMBER_GONE = "membership znode disappeared";
    private static final String REASON_OVERTAKEN = "another contender leads: ";
    private static final String REASON_CLOSED = "contender closed";

    private enum State { NEW, STARTED, CLOSED }

    private final CuratorFramework client;
    private final String basePath;
    private final byte[] data;
    private final LeadershipListener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final EventLoop loop;
    private final CuratorWatcher childrenWatcher = event -> evaluateSoon();
    private final ConnectionStateListener connectionListener = (unused, newState) -> onConnectionState(newState);
    private final Object leadership = new Object();

    // touched only on the event loop
    private String memberPath;
    private String staleMemberPath;
    // written on the event loop under 'leadership', read anywhere
    private volatile Epoch epoch;

    /**
     * Creates a contender that will join below {@code basePath} with {@code data} (e.g. MasterInfo JSON).
     *
     * @param client a started Curator client, not namespaced
     * @param basePath the cluster's base path, e.g. {@code /strata} (see {@code ZkAddress#path()})
     * @param data the bytes detectors will read for this contender, copied
     * @param listener told about elections and losses, on the contender's event thread
     */
    public LeaderContender(CuratorFramework client, String basePath, byte[] data, LeadershipListener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.basePath = checkBasePath(basePath);
        this.data = Objects.requireNonNull(data, "data").clone();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.loop = new EventLoop("strata-leader-contender" + basePath.replace('/', '-'));
    }

    /**
     * Joins the election; returns at once, the member is created on the event thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("contender can only be started once, it is " + state.get());
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        evaluateSoon();
    }

    /** True while this contender leads, i.e. between {@code elected} and {@code lost}. */
    public boolean isLeader() {
        return epoch != null;
    }

    /** The epoch of the current term while this contender leads, else empty. */
    public Optional<Epoch> epoch() {
        return Optional.ofNullable(epoch);
    }

    /**
     * Waits until this contender leads, at most {@code timeout}, and returns the epoch of its term.
     *
     * @return the epoch, or empty if the timeout passed first or the contender was closed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public Optional<Epoch> awaitLeadership(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (leadership) {
            while (epoch == null && state.get() != State.CLOSED) {
                long remainingMillis = Duration.between(Instant.now(), deadline).toMillis();
                if (remainingMillis <= 0) {
                    break;
                }
                leadership.wait(remainingMillis);
            }
            return Optional.ofNullable(epoch);
        }
    }

    /**
     * Leaves the election: reports {@code lost} if leading, then deletes the member. Idempotent.
     */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        if (previous == State.STARTED) {
            client.getConnectionStateListenable().removeListener(connectionListener);
            loop.runAndWait(this::leave, CLOSE_TIMEOUT);
        }
        loop.shutdown(CLOSE_TIMEOUT);
        synchronized (leadership) {
            leadership.notifyAll();
        }
    }

    @Override
    public String toString() {
        Epoch current = epoch;
        return "LeaderContender[" + basePath + ", " + state.get()
                + (current == null ? "" : ", leading in epoch " + current.value()) + "]";
    }

    private void evaluateSoon() {
        loop.execute(this::evaluate);
    }

    private void onConnectionState(ConnectionState newState) {
        switch (newState) {
            case SUSPENDED -> loop.execute(() -> demote(REASON_SUSPENDED));
            case LOST -> loop.execute(this::onSessionLost);
            case CONNECTED, RECONNECTED -> evaluateSoon();
            case READ_ONLY -> loop.execute(() -> demote(REASON_SUSPENDED));
        }
    }

    private void onSessionLost() {
        demote(REASON_SESSION_LOST);
        // the member belonged to the dead session; delete it after reconnecting so a successor need not wait
        // for the server to expire the session
        if (memberPath != null) {
            staleMemberPath = memberPath;
            memberPath = null;
        }
    }

    /** Re-reads the members and moves to leading or not leading; runs on the event loop. */
    private void evaluate() {
        if (state.get() != State.STARTED || !client.getZookeeperClient().isConnected()) {
            return; // a reconnect triggers the next evaluation
        }
        try {
            deleteStaleMember();
            if (memberPath == null) {
                memberPath = client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                        .forPath(ZKPaths.makePath(basePath, MEMBER_PREFIX), data);
                LOG.info("joined leader election as {}", memberPath);
            }
            List<Member> members = Member.ordered(
                    client.getChildren().usingWatcher(childrenWatcher).forPath(basePath));
            decide(members);
        } catch (Exception e) {
            LOG.warn("leader election under {} failed, retrying in {} ms: {}", basePath, RETRY_DELAY.toMillis(),
                    e.toString());
            loop.schedule(this::evaluate, RETRY_DELAY);
        }
    }

    private void decide(List<Member> members) throws Exception {
        String ownName = ZKPaths.getNodeFromPath(memberPath);
        if (members.stream().noneMatch(member -> member.name().equals(ownName))) {
            demote(REASON_MEMBER_GONE);
            memberPath = null;
            evaluateSoon();
            return;
        }
        Member first = members.get(0);
        if (first.name().equals(ownName)) {
            if (epoch == null) {
                promote();
            }
            return;
        }
        demote(REASON_OVERTAKEN + first.name());
        deleteIfOrphan(first);
    }

    private void promote() throws Exception {
        Optional<Epoch> next = EpochCounter.increment(client, basePath, memberPath);
        if (next.isEmpty()) {
            evaluateSoon(); // the member vanished between the check and the increment
            return;
        }
        synchronized (leadership) {
            epoch = next.get();
            leadership.notifyAll();
        }
        LOG.info("{} leads with epoch {}", memberPath, next.get().value());
        try {
            listener.elected(next.get());
        } catch (RuntimeException e) {
            LOG.error("leadership listener failed in elected()", e);
        }
    }

    private void demote(String reason) {
        if (epoch == null) {
            return;
        }
        synchronized (leadership) {
            epoch = null;
        }
        LOG.warn("{} no longer leads: {}", memberPath, reason);
        try {
            listener.lost(reason);
        } catch (RuntimeException e) {
            LOG.error("leadership listener failed in lost()", e);
        }
    }

    /**
     * Deletes a leading member that our own session created but we do not know: a create whose reply was lost and
     * that Curator retried leaves such an orphan, which would otherwise lead on our behalf without anybody acting.
     */
    private void deleteIfOrphan(Member first) throws Exception {
        String firstPath = ZKPaths.makePath(basePath, first.name());
        Stat stat = client.checkExists().forPath(firstPath);
        long sessionId = client.getZookeeperClient().getZooKeeper().getSessionId();
        if (stat != null && stat.getEphemeralOwner() == sessionId) {
            LOG.warn("deleting orphan member {} of our own session", firstPath);
            deleteQuietly(firstPath);
            evaluateSoon();
        }
    }

    private void deleteStaleMember() throws Exception {
        if (staleMemberPath != null) {
            deleteQuietly(staleMemberPath);
            staleMemberPath = null;
        }
    }

    /** Runs on the event loop when closing. */
    private void leave() {
        demote(REASON_CLOSED);
        try {
            deleteStaleMember();
            if (memberPath != null) {
                deleteQuietly(memberPath);
                LOG.info("left leader election: deleted {}", memberPath);
                memberPath = null;
            }
        } catch (Exception e) {
            LOG.warn("could not delete member {} (it expires with the session): {}", memberPath, e.toString());
        }
        synchronized (leadership) {
            leadership.notifyAll();
        }
    }

    private void deleteQuietly(String path) throws Exception {
        try {
            client.delete().guaranteed().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // already gone: fine
        }
    }

    static String checkBasePath(String basePath) {
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.contains("//")) {
            throw new IllegalArgumentException("base path '" + basePath + "' must be absolute, below the root, "
                    + "without a trailing or double '/'");
        }
        return basePath;
    }
}
