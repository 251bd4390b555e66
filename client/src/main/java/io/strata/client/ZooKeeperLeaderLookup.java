package io.strata.client;

import io.strata.api.mesos.MasterInfo;
import java.net.URI;
import java.time.Duration;

/** Reads the leading master of a {@code zk://} address (pending the store module's leader detector). */
final class ZooKeeperLeaderLookup implements LeaderLookup {
    @Override
    public MasterInfo leader(String zkUrl, Duration timeout) {
        throw StrataClientException.protocol(URI.create("zk://localhost"), "zk:// masters are not supported yet", null);
    }
}
