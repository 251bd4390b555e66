package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.RequestFiles;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata job add FILE}: a job with {@code parents} goes to {@code POST /v1/scheduler/dependency}, any
 * other to {@code POST /v1/scheduler/iso8601}.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Create or replace a job from a Chronos job definition (JSON).")
public final class JobAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JobsApi jobs;
    @Parameters(paramLabel = "FILE", description = "The job definition; - reads standard input.")
    String file;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        byte[] body = RequestFiles.read(file);
        JsonNode job;
        try {
            job = Json.mesos().readTree(body);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, file + " is not JSON: " + e.getMessage());
        }
        String path = job.path("parents").isArray() && !job.get("parents").isEmpty()
                ? "/v1/scheduler/dependency" : "/v1/scheduler/iso8601";
        jobs.endpoint(environment).send("POST", path, body);
        environment.out().println("Added job " + job.path("name").asText());
        return ExitCodes.OK;
    }
}
