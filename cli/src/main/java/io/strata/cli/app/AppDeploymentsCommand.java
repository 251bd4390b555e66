package io.strata.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata app deployments}: the running deployments and what each waits for. */
@Command(name = "deployments", mixinStandardHelpOptions = true,
        description = "List running deployments with their current step and what it waits for.")
public final class AppDeploymentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode deployments = services.endpoint(environment).get("/v2/deployments");
        output.print(deployments, () -> AppTables.deployments(deployments), environment.out());
        return ExitCodes.OK;
    }
}
