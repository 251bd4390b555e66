package io.strata.packages;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata packages}: runs the package service (Cosmos' API) in the foreground. */
@Command(name = "packages", mixinStandardHelpOptions = true,
        description = "Serve the package repository API (DC/OS Cosmos: /package/search, describe, install, list,"
                + " uninstall, render, repository/*) and install packages as services apps.")
public final class PackagesCommand implements Callable<Integer> {
    @Option(names = "--zk", required = true, description = "ZooKeeper of the cluster, host:port[,host:port]/path"
            + " (zk:// allowed); the repository list is kept under <path>/packages.")
    String zk;
    @Option(names = "--services", defaultValue = PackagesConfig.DEFAULT_SERVICES,
            description = "Services (Marathon API) URL installs go to (default ${DEFAULT-VALUE}).")
    String services;
    @Option(names = "--router", defaultValue = PackagesConfig.DEFAULT_ROUTER,
            description = "Admin router URL packages fetch artifacts from (default ${DEFAULT-VALUE}).")
    String router;
    @Option(names = "--master", description = "Master address given to framework packages (default: the --zk"
            + " address).")
    String master;
    @Option(names = "--host", defaultValue = PackagesConfig.DEFAULT_HOST,
            description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "" + PackagesConfig.DEFAULT_PORT,
            description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Override
    public Integer call() {
        PackagesConfig config;
        try {
            config = new PackagesConfig(zk, services, router, master, host, port);
        } catch (IllegalArgumentException e) {
            System.err.println("strata packages: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        PackageService service;
        try {
            service = PackageService.start(config);
        } catch (RuntimeException e) {
            System.err.println("strata packages: " + e.getMessage());
            return 3;
        }
        System.out.println("packages: " + service.url() + "/package (repositories in " + config.zkAddress()
                + "/packages, installs to " + config.services() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "strata-packages-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
        }
        return 0;
    }

    /** Runs the command standalone. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PackagesCommand()).execute(args));
    }
}
