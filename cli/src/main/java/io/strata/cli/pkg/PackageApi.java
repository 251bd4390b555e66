package io.strata.cli.pkg;

import io.strata.cli.CliEnvironment;
import io.strata.cli.service.ServiceOptions;
import picocli.CommandLine.Option;

/** The {@code --packages} option: where the package service (Cosmos API) is. */
public final class PackageApi {
    /** The environment variable naming the package service. */
    public static final String ENV = "STRATA_PACKAGES_URL";
    /** The package service through the admin router of {@code strata up}. */
    public static final String DEFAULT = "http://127.0.0.1:7070/package";

    @Option(names = "--packages", paramLabel = "URL",
            description = "Package service (Cosmos API) address (default: $" + ENV + ", else <cluster.url>/package, "
                    + "else " + DEFAULT + ").")
    String url;

    /** The client after resolving flag, environment, configured cluster URL and default. */
    public PackageClient client(CliEnvironment environment) {
        return new PackageClient(ServiceOptions.resolve(url, environment.env(), ENV, "/package", DEFAULT));
    }
}
