package io.strata.services.engine;

/**
 * How placed instances are made durable before their ACCEPTs are sent. Offers are placed in slices of 10 agents;
 * both modes store every instance as PROVISIONED before the master hears of it (a failover never launches more
 * than asked) and differ in what waits for what.
 */
public enum LaunchWrites {
    /** One ZooKeeper multi per slice, awaited on the engine thread, then the slice's ACCEPTs. */
    ONE_MULTI_THEN_ACCEPT,
    /**
     * One multi per offering agent, issued together without blocking the engine thread; each agent's ACCEPT goes
     * out as soon as its multi commits (the default: the first ACCEPTs leave after one ZooKeeper round trip, and
     * status updates are not queued behind the writes).
     */
    PER_AGENT_PIPELINED
}
