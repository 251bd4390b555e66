package io.strata.cli.kubectl;

import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.config.CliConfig;
import io.strata.cli.config.CliConfigStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata kubectl ARGS...}: kubectl with a kubeconfig pointing at {@code <cluster.url>/service/kubernetes}
 * (default cluster {@code http://127.0.0.1:7070}). Every argument, options and {@code --help} included, goes to
 * kubectl unchanged; its exit code is ours. The kubeconfig is {@code kubeconfig} beside the CLI settings file.
 */
@Command(name = "kubectl", description = "Run kubectl against the cluster's Kubernetes (through the admin router). "
        + "All arguments go to kubectl; 'strata kubectl --help' is kubectl's help.")
public final class KubectlCommand implements Callable<Integer> {
    /** The cluster URL when none is configured: the admin router of {@code strata up}. */
    public static final String DEFAULT_CLUSTER = "http://127.0.0.1:7070";

    @Spec
    CommandSpec spec;
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "kubectl's arguments.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        CliConfig config = CliConfigStore.load(environment.env());
        String server = config.clusterUrl().orElse(DEFAULT_CLUSTER) + "/service/kubernetes";
        Path kubeconfig = Kubeconfig.write(CliConfigStore.path(environment.env()).toAbsolutePath()
                .resolveSibling("kubeconfig"), server);
        String kubectl = config.get(CliConfig.KUBECTL_PATH).orElseGet(() -> onPath(environment));
        List<String> command = new ArrayList<>();
        command.add(kubectl);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        boolean system = environment.out() == System.out;
        builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (system) {
            // kubectl exec -it needs the real terminal
            builder.inheritIO();
        }
        try {
            Process process = builder.start();
            if (!system) {
                Thread err = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), environment.err()));
                copy(process.getInputStream(), environment.out());
                err.join();
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot run " + kubectl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILURE, "interrupted");
        }
    }

    /** The kubectl on $PATH, else a failure saying how to get one. */
    static String onPath(CliEnvironment environment) {
        String path = environment.env().getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new CliFailure(ExitCodes.FAILURE, "kubectl was not found on the PATH: install kubectl 1.32 "
                + "(https://kubernetes.io/docs/tasks/tools/) or run 'strata config set kubectl.path /path/to/kubectl'");
    }

    private static void copy(InputStream in, OutputStream out) {
        try (in) {
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            // the process ended or our stream closed: nothing left to copy
        }
    }
}
