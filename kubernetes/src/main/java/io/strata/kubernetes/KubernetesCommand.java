package io.strata.kubernetes;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata kubernetes}: runs the Kubernetes API server until interrupted. */
@Command(name = "kubernetes", mixinStandardHelpOptions = true,
        subcommands = io.strata.kubernetes.proxy.ProxyCommand.class,
        description = "Run the Kubernetes framework (a kubectl-compatible API server over ZooKeeper).")
public final class KubernetesCommand implements Callable<Integer> {

    // not required by picocli, so that `kubernetes proxy` parses without it
    @Option(names = "--zk", description = "ZooKeeper address with chroot, e.g. 127.0.0.1:2181/strata (required)")
    String zk;

    @Option(names = "--master", defaultValue = "", description = "Master URL (for scheduling; optional for now)")
    String master;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "6443", description = "HTTP port, 0 = any free port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--service-cidr", defaultValue = KubernetesConfig.DEFAULT_SERVICE_CIDR,
            description = "Cluster IP range for Services (default ${DEFAULT-VALUE})")
    String serviceCidr;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--service-proxy", defaultValue = "true", negatable = true,
            description = "Forward ClusterIP and NodePort (on --host) connections in this process (default true)")
    boolean serviceProxy;

    /** Starts the framework and blocks until the process is interrupted. */
    @Override
    public Integer call() throws InterruptedException {
        if (zk == null || zk.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--zk=<zk>'");
        }
        KubernetesConfig config = new KubernetesConfig(zk, master, host, port, serviceCidr,
                KubernetesConfig.DEFAULT_WATCH_WINDOW);
        try (KubernetesFramework framework = KubernetesFramework.start(config)) {
            System.out.println("Kubernetes API server listening on " + framework.url());
            if (serviceProxy) {
                framework.startServiceProxy(host);
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
