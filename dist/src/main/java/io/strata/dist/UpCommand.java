package io.strata.dist;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata up}: a whole cluster on this machine. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run a whole cluster on this machine: embedded ZooKeeper, a master and N agents.",
            "Stops cleanly on Ctrl-C or SIGTERM (tasks are killed); a second 'up' on the same --data-dir recovers."})
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = ".strata", description = "State directory (default ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--agents", defaultValue = "1", description = "Number of agents (default ${DEFAULT-VALUE}).")
    int agents;
    @Option(names = "--master-port", defaultValue = "5050", description = "Master port (default ${DEFAULT-VALUE}).")
    int masterPort;
    @Option(names = "--agent-port", defaultValue = "5051", description = "Agent port (default ${DEFAULT-VALUE}).")
    int agentPort;
    @Option(names = "--zk-port", defaultValue = "2181", description = "Embedded ZooKeeper port (default ${DEFAULT-VALUE}).")
    int zkPort;
    @Option(names = "--isolation", defaultValue = "cgroups", description = "cgroups or none (default ${DEFAULT-VALUE}).")
    String isolation;
    @Option(names = "--agent-resources", defaultValue = "", description = "Resources of each agent instead of an equal share of this machine, e.g. 'cpus:2;mem:2048'.")
    String agentResources;
    @Option(names = "--attributes", defaultValue = "", description = "Attributes of every agent, e.g. 'zone:a'.")
    String attributes;

    @Mixin
    ImageOptions images;

    @Override
    public Integer call() {
        LocalCluster.Settings settings = LocalCluster.Settings.forUp(dataDir.toAbsolutePath(), agents, zkPort,
                masterPort, agentPort, isolation, agentResources, attributes).withImages(images.settings());
        System.out.println("Starting Strata in " + settings.dataDir() + " ...");
        LocalCluster cluster = LocalCluster.start(settings, line -> System.out.println("  " + line));
        System.out.println("Strata is up. Try: bin/strata execute --name hello --command 'echo hello' --follow");
        System.out.println("Press Ctrl-C to stop (running tasks are killed).");
        ServerCommands.awaitShutdown(() -> {
            System.out.println("Stopping Strata ...");
            cluster.close();
            System.out.println("Stopped.");
        });
        return 0;
    }
}
