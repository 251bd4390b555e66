package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentTest {
    @Test
    void heartbeatInterval_masterAsks_isClampedBetweenTickAndDefault() {
        assertThat(Agent.heartbeatInterval(null)).isEqualTo(Agent.DEFAULT_HEARTBEAT);
        assertThat(Agent.heartbeatInterval(0.5)).hasMillis(500);
        assertThat(Agent.heartbeatInterval(0.01)).isEqualTo(Agent.HEARTBEAT_TICK);
        assertThat(Agent.heartbeatInterval(60.0)).isEqualTo(Agent.DEFAULT_HEARTBEAT);
        assertThat(Agent.heartbeatInterval(Double.NaN)).isEqualTo(Agent.DEFAULT_HEARTBEAT);
    }
}
