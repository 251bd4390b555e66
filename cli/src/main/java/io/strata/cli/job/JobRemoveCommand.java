package io.strata.cli.job;

import io.strata.cli.CliEnvironment;
import io.strata.cli.service.ServiceEndpoint;
import picocli.CommandLine.Command;

/** {@code strata job remove NAME}: {@code DELETE /v1/scheduler/job/NAME}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a job.")
public final class JobRemoveCommand extends JobNameCommand {
    @Override
    void run(CliEnvironment environment, ServiceEndpoint api) {
        api.send("DELETE", jobPath(), null);
        environment.out().println("Removed job " + name);
    }
}
