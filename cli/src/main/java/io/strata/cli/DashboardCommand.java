package io.strata.cli;

import io.strata.cli.config.CliConfigStore;
import io.strata.cli.kubectl.KubectlCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata dashboard}: prints the dashboard's URL (the admin router's root). */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Print the URL of the web dashboard (cluster.url of 'strata config', else the local router).")
public final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        environment.out().println(CliConfigStore.load(environment.env()).clusterUrl()
                .orElse(KubectlCommand.DEFAULT_CLUSTER) + "/");
        return ExitCodes.OK;
    }
}
