package io.strata.cli.app;

import picocli.CommandLine.Command;

/** {@code strata app remove ID}: {@code DELETE /v2/apps/ID}, which kills its tasks. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Destroy an app and kill its tasks.")
public final class AppRemoveCommand extends AppChangeCommand {
    @Override
    Change change(String appPath) {
        return new Change("DELETE", "", null, "Removing app " + appPath);
    }
}
