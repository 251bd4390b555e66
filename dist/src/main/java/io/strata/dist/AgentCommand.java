package io.strata.dist;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata agent}: an agent that runs tasks for the cluster's master. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run an agent.")
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--master", defaultValue = "127.0.0.1:5050",
            description = "Master: host:port, http://host:port or zk://host:port/path (default ${DEFAULT-VALUE}).")
    String master;
    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "Address to bind and advertise (default ${DEFAULT-VALUE}).")
    String ip;
    @Option(names = "--port", defaultValue = "5051", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--work-dir", defaultValue = ".strata/agent", description = "Sandboxes and checkpoints (default ${DEFAULT-VALUE}).")
    Path workDir;
    @Option(names = "--resources", description = "Resources overriding the fingerprint, e.g. 'cpus:2;mem:1024;cpus(public):1'.")
    String resources;
    @Option(names = "--attributes", description = "Attributes, e.g. 'rack:r1;zone:a'.")
    String attributes;
    @Option(names = "--isolation", defaultValue = "cgroups", description = "cgroups or none (default ${DEFAULT-VALUE}).")
    String isolation;

    @Mixin
    ImageOptions images;

    @Override
    public Integer call() {
        Agent agent = Agent.start(AgentConfig.defaults(ip, port, master, workDir.toAbsolutePath())
                .withResources(resources).withAttributes(attributes).withIsolation(isolation)
                .withCgroupName("agent-" + ip + "-" + port).withImages(images.settings()));
        System.out.println("agent: " + agent.url() + " (master " + master + ")");
        ServerCommands.awaitShutdown(agent::close);
        return 0;
    }
}
