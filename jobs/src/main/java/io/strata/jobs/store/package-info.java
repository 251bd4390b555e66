/**
 * Durable job state in ZooKeeper through the store module's {@link io.strata.store.StateStore}: one znode per job
 * definition ({@code jobs/<name>}), one per job's run state and history ({@code state/<name>}) and the framework
 * id ({@code framework-id}), all below the jobs framework's base path.
 */
package io.strata.jobs.store;
