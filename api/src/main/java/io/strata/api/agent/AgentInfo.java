package io.strata.api.agent;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.Attribute;
import io.strata.api.mesos.Resource;
import java.util.List;

/**
 * What an agent advertises: its address (the agent's HTTP API is at {@code http://hostname:port}),
 * total resources and attributes. {@code id} is empty on first registration.
 */
public record AgentInfo(AgentId id, String hostname, int port, List<Resource> resources, List<Attribute> attributes,
                        String version) {

    /** The same info with an id. */
    public AgentInfo withId(AgentId newId) {
        return new AgentInfo(newId, hostname, port, resources, attributes, version);
    }
}
