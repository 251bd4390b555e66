package io.strata.jobs;

import io.strata.client.MasterLocator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata jobs}: runs the Chronos-compatible jobs framework until interrupted. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Run the Chronos-compatible jobs framework (API under /v1/scheduler and /scheduler).")
public final class JobsCommand implements Callable<Integer> {
    @Option(names = "--zk", required = true,
            description = "ZooKeeper for state and leader election: host:port[,host:port][/path] (path /chronos)")
    String zk;

    @Option(names = "--master", description = "Master: http://host:port, host:port or zk://host:port/path "
            + "(default: $" + MasterLocator.ENV + " or " + MasterLocator.DEFAULT + ")")
    String master;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "" + JobsConfig.DEFAULT_PORT,
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--advertised-host", description = "Host name other instances and clients reach this one at")
    String advertisedHost;

    @Option(names = "--framework-name", defaultValue = JobsConfig.DEFAULT_FRAMEWORK_NAME,
            description = "Framework name registered with the master (default: ${DEFAULT-VALUE})")
    String frameworkName;

    @Option(names = "--role", defaultValue = "*", description = "Role to subscribe in (default: ${DEFAULT-VALUE})")
    String role;

    @Override
    public Integer call() throws InterruptedException {
        String masterAddress = master != null ? master : System.getenv().getOrDefault(MasterLocator.ENV,
                MasterLocator.DEFAULT);
        JobsConfig config = new JobsConfig(zk, masterAddress, host, port, advertisedHost, frameworkName, role);
        CountDownLatch stop = new CountDownLatch(1);
        try (JobsFramework jobs = JobsFramework.start(config)) {
            System.out.println("jobs framework '" + frameworkName + "' listening on " + jobs.url());
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
