package io.strata.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.output.JsonOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata app show ID}: the app with its tasks ({@code GET /v2/apps/ID?embed=app.tasks}) as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print an app and its tasks as JSON.")
public final class AppShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Parameters(paramLabel = "ID", description = "The app id, e.g. /web.")
    String id;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        JsonNode reply = services.endpoint(environment).get("/v2/apps" + AppPaths.id(id) + "?embed=app.tasks");
        JsonOutput.print(reply.has("app") ? reply.get("app") : reply, environment.out());
        return ExitCodes.OK;
    }
}
