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

/** {@code strata app list}: one row per app ({@code GET /v2/apps}). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the apps with their instances, health and whether a deployment is running.")
public final class AppListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode apps = services.endpoint(environment).get("/v2/apps").path("apps");
        output.print(apps, () -> AppTables.apps(apps), environment.out());
        return ExitCodes.OK;
    }
}
