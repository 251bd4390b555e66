package io.strata.kubernetes.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.MasterClient;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' totals from the master's {@code GET /master/slaves} ({@code resources} of each agent, all roles): read
 * again when an unknown agent is asked for, at most once per {@value #MIN_REFRESH_MILLIS} ms, so that thousands of
 * new agents in one round of offers cost one request. Thread-safe.
 */
public final class MasterAgentCapacities implements AgentCapacities {
    private static final Logger LOG = LoggerFactory.getLogger(MasterAgentCapacities.class);
    static final long MIN_REFRESH_MILLIS = 1_000;

    private final Supplier<URI> master;
    private final Map<String, Capacity> known = new ConcurrentHashMap<>();
    private volatile long lastRefresh;

    /** Reads from the master that {@code master} resolves to (again on each refresh). */
    public MasterAgentCapacities(Supplier<URI> master) {
        this.master = master;
    }

    @Override
    public Optional<Capacity> capacity(String agentId) {
        Capacity c = known.get(agentId);
        if (c == null && System.currentTimeMillis() - lastRefresh >= MIN_REFRESH_MILLIS) {
            refresh();
            c = known.get(agentId);
        }
        return Optional.ofNullable(c);
    }

    private synchronized void refresh() {
        if (System.currentTimeMillis() - lastRefresh < MIN_REFRESH_MILLIS) {
            return;
        }
        lastRefresh = System.currentTimeMillis();
        try {
            for (JsonNode agent : MasterClient.of(master.get()).agents()) {
                JsonNode r = agent.path("resources");
                known.put(agent.path("id").asText(), new Capacity(Math.max(0, r.path("cpus").asDouble()),
                        Math.max(0, r.path("mem").asDouble())));
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read the agents' totals from the master: {}", e.toString());
        }
    }
}
