package io.strata.cli.job;

import io.strata.cli.CliEnvironment;
import io.strata.cli.service.ServiceEndpoint;
import picocli.CommandLine.Command;

/** {@code strata job run NAME}: {@code PUT /v1/scheduler/job/NAME}, a run now outside the schedule. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a run of a job now.")
public final class JobRunCommand extends JobNameCommand {
    @Override
    void run(CliEnvironment environment, ServiceEndpoint api) {
        api.send("PUT", jobPath(), null);
        environment.out().println("Started a run of " + name);
    }
}
