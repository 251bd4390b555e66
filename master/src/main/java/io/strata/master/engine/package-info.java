/**
 * The master's behaviour: the scheduler calls, the agent channel, offers and allocation, task status
 * updates and reconciliation. Everything here runs on the master loop thread and talks to the outside
 * only through {@link io.strata.master.engine.MasterContext}'s ports (streams, store, allocator, clock).
 */
package io.strata.master.engine;
