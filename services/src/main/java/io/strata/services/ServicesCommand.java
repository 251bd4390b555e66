package io.strata.services;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata services --zk ... --master ... [--port 8080] [--hostname ...]}: runs one services instance in the
 * foreground until interrupted.
 */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "Run the Marathon-compatible services framework (v2 REST API, framework 'marathon').")
public final class ServicesCommand implements Callable<Integer> {
    @Option(names = "--zk", description = "ZooKeeper address and state path (default: ${DEFAULT-VALUE})",
            defaultValue = "zk://127.0.0.1:2181/marathon")
    String zk;

    @Option(names = "--master", description = "Master: http://host:port, host:port or zk://host:port/strata "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "http://127.0.0.1:5050")
    String master;

    @Option(names = "--host", description = "Address to bind the API to (default: ${DEFAULT-VALUE})",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "API port, 0 for any free one (default: ${DEFAULT-VALUE})",
            defaultValue = "8080")
    int port;

    @Option(names = "--hostname", description = "Name advertised to other instances (default: the bind address)")
    String hostname;

    @Option(names = "--framework-name", description = "Mesos framework name (default: ${DEFAULT-VALUE})",
            defaultValue = "marathon")
    String frameworkName;

    @Option(names = "--failover-timeout", description = "Seconds the master keeps tasks without a leader "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "604800")
    long failoverTimeoutSeconds;

    @Option(names = "--mesos-role", description = "Mesos role (default: ${DEFAULT-VALUE})", defaultValue = "*")
    String role;

    @Option(names = "--mesos-user", description = "User tasks run as (default: ${DEFAULT-VALUE})",
            defaultValue = "root")
    String user;

    /** The settings these options describe. */
    public ServicesConfig config() {
        return new ServicesConfig(zk, master, host, port, hostname, frameworkName,
                Duration.ofSeconds(failoverTimeoutSeconds), role, user);
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        try (ServicesFramework framework = ServicesFramework.start(config())) {
            System.out.println("services    " + framework.url());
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
