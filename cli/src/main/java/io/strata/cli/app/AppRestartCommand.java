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

/** {@code strata app restart ID}: {@code POST /v2/apps/ID/restart}, a rolling restart. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Replace every task of an app, following its upgrade strategy.")
public final class AppRestartCommand implements Callable<Integer> {
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
        var reply = api.send("POST", "/v2/apps" + AppPaths.id(id) + "/restart" + AppPaths.force(force), null).body();
        DeploymentReply.report(environment, api, reply, "Restarting " + AppPaths.id(id), wait);
        return ExitCodes.OK;
    }
}
