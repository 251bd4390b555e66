/**
 * The object store of the Kubernetes API server: objects as JSON trees, one ZooKeeper znode each, an in-memory
 * cache that serves reads and lists at a consistent revision, optimistic concurrency on ZooKeeper's transaction
 * ids (the resourceVersion), and a bounded window of change events that watches replay from.
 */
package io.strata.kubernetes.store;
