package io.strata.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import io.strata.cli.output.JsonOutput;
import io.strata.cli.service.RequestFiles;
import io.strata.cli.service.ServiceEndpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata app add FILE}: {@code POST /v2/apps} with the app definition in FILE ({@code -}: stdin). */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Create an app from a Marathon app definition (JSON).")
public final class AppAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Mixin
    OutputOptions output;
    @Mixin
    WaitOptions wait;
    @Parameters(paramLabel = "FILE", description = "The app definition; - reads standard input.")
    String file;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        ServiceEndpoint api = services.endpoint(environment);
        JsonNode app = api.send("POST", "/v2/apps", RequestFiles.read(file)).body();
        String deployment = DeploymentWait.idOf(app);
        if (output.json()) {
            JsonOutput.print(app, environment.out());
        } else {
            environment.out().println("Created app " + app.path("id").asText()
                    + (deployment == null ? "" : " (deployment " + deployment + ")"));
        }
        if (wait.wait && deployment != null) {
            DeploymentWait.await(api, deployment, wait.timeout(), output.json() ? environment.err() : environment.out());
        }
        return ExitCodes.OK;
    }
}
