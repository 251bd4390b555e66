/**
 * Durable cluster state in ZooKeeper: a {@link io.strata.store.StateStore} keeps one znode per object under a base
 * path (agents, frameworks, tasks), with versioned compare-and-set writes, pipelined asynchronous variants and
 * optional fencing by a leadership {@link io.strata.store.leader.Epoch}, so a deposed master can never overwrite
 * the state of its successor. {@link io.strata.store.ZkAddress} parses {@code zk://} addresses,
 * {@link io.strata.store.Curators} opens connections, and every failure is one
 * {@link io.strata.store.StoreException} carrying a {@link io.strata.store.StoreException.Code}. Leader election
 * lives in {@code io.strata.store.leader}, the embedded server in {@code io.strata.store.embedded}.
 */
package io.strata.store;
