package io.strata.dist;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata up}: a whole cluster on this machine. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run a whole cluster on this machine: embedded ZooKeeper, a master and N agents, the services",
            "(Marathon API, :8080) and jobs (Chronos API, :4400) frameworks, DNS (:8053), the package service, the",
            "dashboard and the admin router (:7070); with '--with kubernetes' the Kubernetes API (:6443) too.",
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

    @Option(names = "--with", paramLabel = "PART", split = ",",
            description = "Optional parts to start as well: kubernetes.")
    java.util.List<String> with = new java.util.ArrayList<>();
    @Option(names = "--kernel-only", description = "Start only ZooKeeper, the master and the agents.")
    boolean kernelOnly;
    @Option(names = "--services-port", defaultValue = "8080", description = "Services (Marathon API) port (default ${DEFAULT-VALUE}).")
    int servicesPort;
    @Option(names = "--jobs-port", defaultValue = "4400", description = "Jobs (Chronos API) port (default ${DEFAULT-VALUE}).")
    int jobsPort;
    @Option(names = "--dns-port", defaultValue = "8053", description = "DNS port, UDP and TCP (default ${DEFAULT-VALUE}; 53 for the real one).")
    int dnsPort;
    @Option(names = "--dns-http-port", defaultValue = "8123", description = "DNS HTTP API port (default ${DEFAULT-VALUE}).")
    int dnsHttpPort;
    @Option(names = "--packages-port", defaultValue = "7075", description = "Package service port (default ${DEFAULT-VALUE}).")
    int packagesPort;
    @Option(names = "--dashboard-port", defaultValue = "7071", description = "Dashboard server port (default ${DEFAULT-VALUE}).")
    int dashboardPort;
    @Option(names = "--router-port", defaultValue = "7070", description = "Admin router port (default ${DEFAULT-VALUE}).")
    int routerPort;
    @Option(names = "--kubernetes-port", defaultValue = "6443", description = "Kubernetes API port, with --with kubernetes (default ${DEFAULT-VALUE}).")
    int kubernetesPort;

    @Mixin
    ImageOptions images;

    @Override
    public Integer call() {
        LocalCluster.Settings settings = LocalCluster.Settings.forUp(dataDir.toAbsolutePath(), agents, zkPort,
                masterPort, agentPort, isolation, agentResources, attributes).withImages(images.settings());
        System.out.println("Starting Strata in " + settings.dataDir() + " ...");
        for (String part : with) {
            if (!part.equals("kubernetes")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--with: unknown part '" + part + "' (known: kubernetes)");
            }
        }
        LocalCluster cluster = LocalCluster.start(settings, line -> System.out.println("  " + line));
        ClusterStack stack = null;
        if (!kernelOnly) {
            try {
                stack = ClusterStack.start(cluster.zkConnectString(),
                        new ClusterStack.Settings(servicesPort, jobsPort, dnsPort, dnsHttpPort, packagesPort,
                                dashboardPort, routerPort, kubernetesPort, with.contains("kubernetes")),
                        line -> System.out.println("  " + line));
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
        System.out.println("Strata is up. Try: bin/strata execute --name hello --command 'echo hello' --follow");
        if (stack != null) {
            System.out.println("Dashboard: " + stack.router().url() + "/   Apps: bin/strata app add app.json");
        }
        System.out.println("Press Ctrl-C to stop (running tasks are killed).");
        ClusterStack layers = stack;
        ServerCommands.awaitShutdown(() -> {
            System.out.println("Stopping Strata ...");
            if (layers != null) {
                layers.close();
            }
            cluster.close();
            System.out.println("Stopped.");
        });
        return 0;
    }
}
