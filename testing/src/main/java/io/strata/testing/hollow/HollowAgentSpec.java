package io.strata.testing.hollow;

import io.strata.api.agent.AgentInfo;
import io.strata.api.mesos.Attribute;
import io.strata.api.mesos.Resource;
import io.strata.core.resources.AttributeParser;
import io.strata.core.resources.Resources;
import io.strata.server.wire.ResourceWire;
import java.util.List;
import java.util.Objects;

/**
 * What one hollow agent advertises: a hostname (it never listens there; {@code 127.0.1.7}-style names are
 * fine), a port, and its resources and attributes in Mesos text form.
 *
 * @param hostname the agent's hostname in offers; not blank
 * @param port the advertised agent port, 1..65535 (nothing listens on it)
 * @param resources Mesos resource text, e.g. {@code cpus:8;mem:32768;disk:100000;ports:[31000-32000]}
 * @param attributes Mesos attribute text, e.g. {@code rack:r1;zone:a}; empty for none
 */
public record HollowAgentSpec(String hostname, int port, String resources, String attributes) {
    /** Resources of an agent when none are given: a small but useful machine. */
    public static final String DEFAULT_RESOURCES = "cpus:8;mem:32768;disk:100000;ports:[31000-32000]";

    public HollowAgentSpec {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("hollow agent hostname must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hollow agent port " + port + " is out of range 1..65535");
        }
        Objects.requireNonNull(resources, "resources");
        attributes = attributes == null ? "" : attributes;
        // parse now so that a bad spec fails here, not inside a subscription thread
        Resources.parse(resources);
        AttributeParser.parse(attributes);
    }

    /** An agent named {@code hostname} on port 5051 with {@link #DEFAULT_RESOURCES} and no attributes. */
    public static HollowAgentSpec of(String hostname) {
        return new HollowAgentSpec(hostname, 5051, DEFAULT_RESOURCES, "");
    }

    /**
     * The i-th loopback-style hostname: 0 gives {@code 127.1.0.1}, 253 gives {@code 127.1.0.254}, 254 gives
     * {@code 127.1.1.1}; distinct for i in 0..16,510,719.
     */
    public static String loopbackHostname(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + i);
        }
        int host = i % 254 + 1;
        int rest = i / 254;
        return "127." + (1 + rest / 256) + "." + rest % 256 + "." + host;
    }

    /** The same spec with other resources (Mesos text). */
    public HollowAgentSpec withResources(String text) {
        return new HollowAgentSpec(hostname, port, text, attributes);
    }

    /** The same spec with other attributes (Mesos text). */
    public HollowAgentSpec withAttributes(String text) {
        return new HollowAgentSpec(hostname, port, resources, text);
    }

    /** The AgentInfo sent in SUBSCRIBE (no id: first registration). */
    AgentInfo toAgentInfo(String version) {
        List<Resource> wireResources = ResourceWire.toWire(Resources.parse(resources));
        List<Attribute> wireAttributes = ResourceWire.toWire(AttributeParser.parse(attributes));
        return new AgentInfo(null, hostname, port, wireResources, wireAttributes, version);
    }
}
