package io.strata.api.mesos;

/** Agent identifier ({@code SlaveID} in old APIs). */
public record AgentId(String value) {
}
