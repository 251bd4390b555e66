/**
 * The object store of the Kubernetes API server: objects as JSON trees, one ZooKeeper znode each, an in-memory
 * cache that serves reads and lists at a consistent revision, optimistic concurrency on ZooKeeper's transaction
 * ids (the resourceVersion), a bounded window of change events that watches replay from, and a resync that re-reads
 * the key of a failed write so that a lost ZooKeeper reply never leaves the cache behind.
 */
package io.strata.kubernetes.store;
