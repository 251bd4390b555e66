package io.strata.cli.app;

import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A {@code strata app} subcommand that changes one app and so starts a deployment: sends the change, then reports the
 * deployment (and with {@code --wait} follows it). Subclasses say which request makes the change.
 */
abstract class AppChangeCommand implements Callable<Integer> {
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

    /**
     * One change request: {@code method} on {@code /v2/apps/<id><suffix>} with {@code body} (null for none);
     * {@code progress} is what the CLI prints while it deploys.
     */
    record Change(String method, String suffix, byte[] body, String progress) {
    }

    /** The request for app {@code appPath} ({@code /web}); throws {@code CliFailure} on bad arguments. */
    abstract Change change(String appPath);

    @Override
    public final Integer call() {
        String appPath = AppPaths.id(id);
        Change change = change(appPath);
        CliEnvironment environment = Commands.environment(spec);
        ServiceEndpoint api = services.endpoint(environment);
        var reply = api.send(change.method(), "/v2/apps" + appPath + change.suffix() + AppPaths.force(force),
                change.body()).body();
        DeploymentReply.report(environment, api, reply, change.progress(), wait);
        return ExitCodes.OK;
    }
}
