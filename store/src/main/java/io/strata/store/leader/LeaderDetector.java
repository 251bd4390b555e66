package io.strata.store.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the leading master below a base path and follows it as leadership moves, like Mesos' ZooKeeper master
 * detector; used by agents, frameworks and the CLI with the path of a {@code zk://} address.
 *
 * <p>The leader is the {@code json.info_<seq>} member with the smallest sequence; its bytes are what the
 * contender published (MasterInfo JSON). Children whose names do not parse are ignored. The base path need not
 * exist yet: the detector waits for it. After the ZooKeeper session is lost the detector reports no leader until
 * it has read the members again; a merely suspended connection keeps the last known leader.
 *
 * <p>Lifecycle NEW -> STARTED -> CLOSED; {@code close()} is idempotent. The {@link CuratorFramework} is the
 * caller's, started and not namespaced, and is not closed here. Thread-safe; the listener is called on the
 * detector's own event thread.
 */
public final class LeaderDetector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderDetector.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private enum State { NEW, STARTED, CLOSED }

    /** The member currently seen as leader and its bytes. */
    private record Leader(String memberName, byte[] data) {
        boolean sameAs(Leader other) {
            return other != null && memberName.equals(other.memberName) && Arrays.equals(data, other.data);
        }
    }

    private final CuratorFramework client;
    private final String basePath;
    private final LeaderChangeListener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final EventLoop loop;
    private final CuratorWatcher watcher = event -> evaluateSoon();
    private final ConnectionStateListener connectionListener = (unused, newState) -> onConnectionState(newState);
    private final Object leaderChange = new Object();
    // written on the event loop under 'leaderChange', read anywhere
    private volatile Leader leader;

    /**
     * Creates a detector for the members below {@code basePath}.
     *
     * @param client a started Curator client, not namespaced
     * @param basePath the cluster's base path, e.g. {@code /strata} or {@code /mesos}
     * @param listener told about each change of leader, on the detector's event thread
     */
    public LeaderDetector(CuratorFramework client, String basePath, LeaderChangeListener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.basePath = LeaderContender.checkBasePath(basePath);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.loop = new EventLoop("strata-leader-detector" + basePath.replace('/', '-'));
    }

    /** Creates a detector without a listener, for callers that poll {@link #leaderData()}. */
    public LeaderDetector(CuratorFramework client, String basePath) {
        this(client, basePath, leaderData -> { });
    }

    /**
     * Starts watching; returns at once, the first read happens on the event thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("detector can only be started once, it is " + state.get());
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        evaluateSoon();
    }

    /** The current leader's bytes (a copy), or empty when no leader is known. */
    public Optional<byte[]> leaderData() {
        Leader current = leader;
        return current == null ? Optional.empty() : Optional.of(current.data().clone());
    }

    /**
     * Waits until a leader is known, at most {@code timeout}, and returns its bytes (a copy).
     *
     * @return the leader's bytes, or empty if the timeout passed first or the detector was closed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public Optional<byte[]> awaitLeader(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (leaderChange) {
            while (leader == null && state.get() != State.CLOSED) {
                long remainingMillis = Duration.between(Instant.now(), deadline).toMillis();
                if (remainingMillis <= 0) {
                    break;
                }
                leaderChange.wait(remainingMillis);
            }
            return leaderData();
        }
    }

    /** Stops watching. Idempotent; no listener call follows once it returns. */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        if (previous == State.STARTED) {
            client.getConnectionStateListenable().removeListener(connectionListener);
        }
        loop.shutdown(CLOSE_TIMEOUT);
        synchronized (leaderChange) {
            leaderChange.notifyAll();
        }
    }

    @Override
    public String toString() {
        Leader current = leader;
        return "LeaderDetector[" + basePath + ", " + state.get()
                + (current == null ? ", no leader" : ", leader " + current.memberName()) + "]";
    }

    private void evaluateSoon() {
        loop.execute(this::evaluate);
    }

    private void onConnectionState(ConnectionState newState) {
        switch (newState) {
            case LOST -> loop.execute(() -> changeLeader(null));
            case CONNECTED, RECONNECTED -> evaluateSoon();
            case SUSPENDED, READ_ONLY -> LOG.debug("connection {}, keeping the last known leader", newState);
        }
    }

    /** Reads the members and the leader's bytes, leaving watches behind; runs on the event loop. */
    private void evaluate() {
        if (state.get() != State.STARTED || !client.getZookeeperClient().isConnected()) {
            return; // a reconnect triggers the next evaluation
        }
        try {
            Optional<List<String>> children = childrenOrWatchCreation();
            List<Member> members = Member.ordered(children.orElse(List.of()));
            if (members.isEmpty()) {
                changeLeader(null);
                return;
            }
            String name = members.get(0).name();
            byte[] data = client.getData().usingWatcher(watcher).forPath(ZKPaths.makePath(basePath, name));
            changeLeader(new Leader(name, data));
        } catch (KeeperException.NoNodeException e) {
            evaluateSoon(); // the leader vanished between listing and reading: look again
        } catch (Exception e) {
            LOG.warn("leader detection under {} failed, retrying in {} ms: {}", basePath, RETRY_DELAY.toMillis(),
                    e.toString());
            loop.schedule(this::evaluate, RETRY_DELAY);
        }
    }

    /** Lists the base path's children; if it does not exist yet, watches for its creation and returns empty. */
    private Optional<List<String>> childrenOrWatchCreation() throws Exception {
        try {
            return Optional.of(client.getChildren().usingWatcher(watcher).forPath(basePath));
        } catch (KeeperException.NoNodeException e) {
            if (client.checkExists().usingWatcher(watcher).forPath(basePath) != null) {
                evaluateSoon(); // created in between
            }
            return Optional.empty();
        }
    }

    private void changeLeader(Leader next) {
        Leader previous = leader;
        if (next == null ? previous == null : next.sameAs(previous)) {
            return;
        }
        synchronized (leaderChange) {
            leader = next;
            leaderChange.notifyAll();
        }
        LOG.info("leader under {} is now {}", basePath, next == null ? "unknown" : next.memberName());
        try {
            listener.leaderChanged(next == null ? Optional.empty() : Optional.of(next.data().clone()));
        } catch (RuntimeException e) {
            LOG.error("leader change listener failed", e);
        }
    }
}
