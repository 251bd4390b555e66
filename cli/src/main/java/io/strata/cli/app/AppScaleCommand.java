package io.strata.cli.app;

import io.strata.api.json.Json;
import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata app scale ID N}: {@code PUT /v2/apps/ID {"instances": N}}. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Change the number of instances of an app.")
public final class AppScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Mixin
    WaitOptions wait;
    @Option(names = "--force", description = "Override a running deployment of the app.")
    boolean force;
    @Parameters(index = "0", paramLabel = "ID", description = "The app id.")
    String id;
    @Parameters(index = "1", paramLabel = "N", description = "The number of instances (>= 0).")
    int instances;

    @Override
    public Integer call() {
        if (instances < 0) {
            throw new CliFailure(ExitCodes.USAGE, "N must be >= 0, not " + instances);
        }
        CliEnvironment environment = Commands.environment(spec);
        ServiceEndpoint api = services.endpoint(environment);
        byte[] body = Json.mesos().createObjectNode().put("instances", instances).toString()
                .getBytes(StandardCharsets.UTF_8);
        var reply = api.send("PUT", "/v2/apps" + AppPaths.id(id) + AppPaths.force(force), body).body();
        DeploymentReply.report(environment, api, reply, "Scaling " + AppPaths.id(id) + " to " + instances, wait);
        return ExitCodes.OK;
    }
}
