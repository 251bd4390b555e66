package io.strata.cli.app;

import picocli.CommandLine.Command;

/** {@code strata app restart ID}: {@code POST /v2/apps/ID/restart}, a rolling restart. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Replace every task of an app, following its upgrade strategy.")
public final class AppRestartCommand extends AppChangeCommand {
    @Override
    Change change(String appPath) {
        return new Change("POST", "/restart", null, "Restarting " + appPath);
    }
}
