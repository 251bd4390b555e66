package io.strata.cli.app;

import io.strata.cli.CliEnvironment;
import io.strata.cli.service.ServiceEndpoint;
import io.strata.cli.service.ServiceOptions;
import picocli.CommandLine.Option;

/** The {@code --services} option of the app commands. */
public final class ServicesApi {
    @Option(names = "--services", paramLabel = "URL",
            description = "Services (Marathon API) address (default: $" + ServiceOptions.SERVICES_ENV + ", else "
                    + ServiceOptions.SERVICES_DEFAULT + ").")
    String url;

    /** The endpoint after resolving flag, environment and default. */
    public ServiceEndpoint endpoint(CliEnvironment environment) {
        return new ServiceEndpoint("services", ServiceOptions.resolve(url, environment.env(),
                ServiceOptions.SERVICES_ENV, "/marathon", ServiceOptions.SERVICES_DEFAULT));
    }
}
