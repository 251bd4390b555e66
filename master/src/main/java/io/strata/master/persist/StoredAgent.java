package io.strata.master.persist;

import io.strata.api.agent.AgentInfo;

/** The stored record of an agent. */
public record StoredAgent(AgentInfo agentInfo, double registeredTime) {
}
