package io.strata.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an agent.
 *
 * @param host the address the agent binds and advertises (its hostname in offers)
 * @param port HTTP port; 0 picks a free one
 * @param master {@code http://host:port}, {@code host:port} or {@code zk://host:port/path}
 * @param workDir sandboxes and checkpoints
 * @param resources Mesos resource text overriding the fingerprint (e.g. {@code cpus:2;mem:1024}); empty for none
 * @param attributes Mesos attribute text (e.g. {@code rack:r1;zone:a}); empty for none
 * @param isolation {@code cgroups} (refuses to start where cgroups are unusable) or {@code none}
 * @param cgroupName the name of this agent's cgroup hierarchy (unique per agent on a host)
 * @param updateBackoff first resend delay of unacknowledged status updates (doubles up to 10 minutes)
 * @param images where images come from and which OCI runtime runs them
 */
public record AgentConfig(String host, int port, String master, Path workDir, String resources, String attributes,
                          String isolation, String cgroupName, Duration updateBackoff, ImageSettings images) {
    public AgentConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(workDir, "workDir");
        resources = resources == null ? "" : resources;
        attributes = attributes == null ? "" : attributes;
        images = images == null ? ImageSettings.DEFAULT : images;
        if (!isolation.equals("cgroups") && !isolation.equals("none")) {
            throw new IllegalArgumentException("--isolation must be 'cgroups' or 'none', not '" + isolation + "'");
        }
    }

    /** Defaults: cgroups isolation, status updates resent after 2 s. */
    public static AgentConfig defaults(String host, int port, String master, Path workDir) {
        return new AgentConfig(host, port, master, workDir, "", "", "cgroups", "agent-" + host + "-" + port,
                Duration.ofSeconds(2), ImageSettings.DEFAULT);
    }

    public AgentConfig withImages(ImageSettings settings) {
        return new AgentConfig(host, port, master, workDir, resources, attributes, isolation, cgroupName,
                updateBackoff, settings);
    }

    public AgentConfig withResources(String text) {
        return new AgentConfig(host, port, master, workDir, text, attributes, isolation, cgroupName, updateBackoff, images);
    }

    public AgentConfig withAttributes(String text) {
        return new AgentConfig(host, port, master, workDir, resources, text, isolation, cgroupName, updateBackoff, images);
    }

    public AgentConfig withIsolation(String mode) {
        return new AgentConfig(host, port, master, workDir, resources, attributes, mode, cgroupName, updateBackoff, images);
    }

    public AgentConfig withCgroupName(String name) {
        return new AgentConfig(host, port, master, workDir, resources, attributes, isolation, name, updateBackoff, images);
    }

    public AgentConfig withMaster(String m) {
        return new AgentConfig(host, port, m, workDir, resources, attributes, isolation, cgroupName, updateBackoff, images);
    }
}
