package io.strata.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import io.strata.cli.service.ServiceOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** The {@code --jobs} option of the job commands, and the job lookups they share. */
public final class JobsApi {
    @Option(names = "--jobs", paramLabel = "URL",
            description = "Jobs (Chronos API) address (default: $" + ServiceOptions.JOBS_ENV + ", else "
                    + ServiceOptions.JOBS_DEFAULT + ").")
    String url;

    /** The endpoint after resolving flag, environment and default. */
    public ServiceEndpoint endpoint(CliEnvironment environment) {
        return new ServiceEndpoint("jobs", ServiceOptions.resolve(url, environment.env(), ServiceOptions.JOBS_ENV,
                "/chronos", ServiceOptions.JOBS_DEFAULT));
    }

    /** The job named exactly {@code name} ({@code GET /v1/scheduler/jobs/search?name=}); exit 1 when absent. */
    static JsonNode find(ServiceEndpoint api, String name) {
        JsonNode found = api.get("/v1/scheduler/jobs/search?name=" + encode(name));
        for (JsonNode job : found) {
            if (name.equals(job.path("name").asText())) {
                return job;
            }
        }
        throw new CliFailure(ExitCodes.FAILURE, "no job named '" + name + "'; see 'strata job list'");
    }

    /** A job name as a path segment. */
    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
