/** The agent's HTTP endpoints: Mesos-compatible /state, /files/browse and /files/read, /health, metrics. */
package io.strata.agent.http;
