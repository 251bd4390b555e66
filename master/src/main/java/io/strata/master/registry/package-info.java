/**
 * The master's in-memory registry of agents, frameworks, tasks and offers. Mutable entries owned by the
 * master loop thread only; nothing here does I/O.
 */
package io.strata.master.registry;
