package io.strata.router.route;

import io.strata.client.MasterLocator;
import io.strata.client.StrataClientException;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import io.strata.store.leader.LeaderDetector;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/**
 * Follows the leader of a {@code zk://} address with one long-lived ZooKeeper session and the store module's
 * {@link LeaderDetector}, so a change of leader is seen at once without polling; each call reads the detector's
 * current data.
 */
public final class ZooKeeperLeaderLocator implements LeaderLocator {
    private final String source;
    private final CuratorFramework curator;
    private final LeaderDetector detector;

    private volatile Parsed parsed;

    private ZooKeeperLeaderLocator(String source, CuratorFramework curator, LeaderDetector detector) {
        this.source = source;
        this.curator = curator;
        this.detector = detector;
    }

    /**
     * Connects to ZooKeeper and starts watching.
     *
     * @throws IllegalArgumentException for a malformed address
     */
    public static ZooKeeperLeaderLocator start(String zkUrl, Duration connectTimeout) {
        ZkAddress address = ZkAddress.parse(zkUrl);
        CuratorFramework curator = Curators.connect(address, Curators.DEFAULT_SESSION_TIMEOUT, connectTimeout);
        LeaderDetector detector = new LeaderDetector(curator, address.path());
        try {
            detector.start();
        } catch (RuntimeException e) {
            curator.close();
            throw e;
        }
        return new ZooKeeperLeaderLocator(zkUrl, curator, detector);
    }

    /** The leader named by the detector's current znode data; parsed once per distinct data, not per request. */
    @Override
    public Lookup leader() {
        Optional<byte[]> data = detector.leaderData();
        if (data.isEmpty()) {
            return new Lookup.Unavailable("no leading master under " + source);
        }
        Parsed last = parsed;
        if (last != null && java.util.Arrays.equals(last.data(), data.get())) {
            return last.leader();
        }
        Lookup leader;
        try {
            leader = Lookup.found(MasterLocator.toUrl(MasterLocator.masterInfo(data.get()), source));
        } catch (IOException | StrataClientException e) {
            leader = new Lookup.Unavailable("the leader's MasterInfo under " + source + " is unusable: "
                    + e.getMessage());
        }
        parsed = new Parsed(data.get(), leader);
        return leader;
    }

    /** The last znode data seen and what it named. */
    private record Parsed(byte[] data, Lookup leader) { }

    /** Always known without blocking: the detector holds the current leader's data. */
    @Override
    public Optional<Lookup> cached() {
        return Optional.of(leader());
    }

    @Override
    public void invalidate() {
        // the detector's watch already follows every change
    }

    @Override
    public void close() {
        detector.close();
        curator.close();
    }
}
