package io.strata.cli.app;

import io.strata.api.json.Json;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code strata app scale ID N}: {@code PUT /v2/apps/ID {"instances": N}}. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Change the number of instances of an app.")
public final class AppScaleCommand extends AppChangeCommand {
    @Parameters(index = "1", paramLabel = "N", description = "The number of instances (>= 0).")
    int instances;

    @Override
    Change change(String appPath) {
        if (instances < 0) {
            throw new CliFailure(ExitCodes.USAGE, "N must be >= 0, not " + instances);
        }
        byte[] body = Json.mesos().createObjectNode().put("instances", instances).toString()
                .getBytes(StandardCharsets.UTF_8);
        return new Change("PUT", "", body, "Scaling " + appPath + " to " + instances);
    }
}
