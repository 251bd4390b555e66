/**
 * The kernel master: a leader-elected process that keeps the registry of agents, frameworks, tasks and
 * offers, runs the DRF allocator and serves the v1 scheduler API, the agent channel and the operator
 * endpoints. All registry mutations run on one thread, the {@link io.strata.master.MasterLoop}; HTTP
 * handlers hand work to it and wait for the answer.
 */
package io.strata.master;
