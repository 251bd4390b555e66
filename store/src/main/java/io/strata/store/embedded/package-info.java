/**
 * A single ZooKeeper server inside the Strata process, for one-node clusters ({@code strata up}) and tests that
 * want the production server rather than Curator's testing one: {@link io.strata.store.embedded.EmbeddedZooKeeper}
 * runs ZooKeeper's own {@code ZooKeeperServerMain} on a dedicated thread, with the admin server off, persistence in
 * a caller-chosen directory, periodic purging of old snapshots and a small transaction-log preallocation.
 */
package io.strata.store.embedded;
