package io.strata.client;

import io.strata.api.mesos.MasterInfo;
import java.time.Duration;

/**
 * The port through which {@link MasterLocator} reads the leading master of a {@code zk://} address.
 *
 * <p>Implementations block up to {@code timeout} for a leader to be known and throw
 * {@link StrataClientException} ({@link StrataClientException.Code#UNREACHABLE} when ZooKeeper cannot be
 * reached, {@link StrataClientException.Code#UNAVAILABLE} when no master leads).
 */
@FunctionalInterface
public interface LeaderLookup {
    /** The MasterInfo the leading master published under the path of {@code zkUrl}. */
    MasterInfo leader(String zkUrl, Duration timeout);
}
