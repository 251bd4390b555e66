package io.strata.cli.app;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata app remove ID}: {@code DELETE /v2/apps/ID}, which kills its tasks. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Destroy an app and kill its tasks.")
public final class AppRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServicesApi services;
    @Mixin
    WaitOptions wait;
    @Option(names = "--force", description = "Override a running deployment of the app.")
    boolean force;
    @Parameters(paramLabel = "ID", description = "The app id.")
    String id;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        ServiceEndpoint api = services.endpoint(environment);
        var reply = api.send("DELETE", "/v2/apps" + AppPaths.id(id) + AppPaths.force(force), null).body();
        DeploymentReply.report(environment, api, reply, "Removing app " + AppPaths.id(id), wait);
        return ExitCodes.OK;
    }
}
