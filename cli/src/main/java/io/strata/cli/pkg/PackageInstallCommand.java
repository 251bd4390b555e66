package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import io.strata.cli.app.ServicesApi;
import io.strata.cli.output.JsonOutput;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata package install NAME}: renders the package with the options first (so bad options fail before
 * anything is asked or installed), shows the pre-install notes and asks for confirmation unless {@code --yes},
 * installs, then waits with a progress bar until the app is deployed and healthy.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install a package as a service app and wait until it is deployed and healthy.")
public final class PackageInstallCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    PackageApi api;
    @Mixin
    ServicesApi services;
    @Mixin
    OutputOptions output;
    @Parameters(paramLabel = "NAME", description = "The package.")
    String name;
    @Option(names = "--options", paramLabel = "FILE", description = "A JSON file of options (see describe --config).")
    Path options;
    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;
    @Option(names = "--app-id", paramLabel = "ID", description = "The app id to install as (default: the package's).")
    String appId;
    @Option(names = "--package-version", paramLabel = "V", description = "A version other than the current one.")
    String version;
    @Option(names = "--no-wait", description = "Return once the app is created.")
    boolean noWait;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Give up waiting (exit 1) after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        PrintStream out = output.json() ? environment.err() : environment.out();
        PackageClient client = api.client(environment);
        ObjectNode request = request();
        JsonNode app = client.call("render", request).path("marathonJson");
        JsonNode metadata = metadata(app);
        out.println("Installing " + name + " " + metadata.path("version").asText() + " as app "
                + app.path("id").asText() + ".");
        notes(out, metadata.path("preInstallNotes").asText(""));
        if (!yes && !Confirmation.ask("Continue installing?", new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8)), out)) {
            throw new CliFailure(ExitCodes.FAILURE, "install of " + name + " cancelled; nothing was installed");
        }
        JsonNode installed = client.call("install", request);
        String id = installed.path("appId").asText(app.path("id").asText());
        out.println("Installed " + name + " " + installed.path("packageVersion").asText() + " as " + id + ".");
        notes(out, installed.path("postInstallNotes").asText(""));
        if (!noWait) {
            out.println("Waiting for " + id + " to be deployed and healthy (Ctrl-C stops waiting, not the install):");
            InstallWait.await(services.endpoint(environment), id, Duration.ofSeconds(timeoutSeconds), out);
            out.println(id + " is deployed and healthy.");
        }
        if (output.json()) {
            JsonOutput.print(installed, environment.out());
        }
        return ExitCodes.OK;
    }

    private ObjectNode request() {
        ObjectNode request = PackageClient.body().put("packageName", name);
        if (version != null) {
            request.put("packageVersion", version);
        }
        if (appId != null) {
            request.put("appId", appId);
        }
        if (options != null) {
            request.set("options", OptionsFile.read(options));
        }
        return request;
    }

    /** package.json of the rendered app's DCOS_PACKAGE_METADATA label, or an empty object. */
    static JsonNode metadata(JsonNode app) {
        String label = app.path("labels").path("DCOS_PACKAGE_METADATA").asText("");
        try {
            return label.isEmpty() ? JSON.createObjectNode() : JSON.readTree(Base64.getDecoder().decode(label));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return JSON.createObjectNode();
        }
    }

    private static void notes(PrintStream out, String notes) {
        if (!notes.isBlank()) {
            out.println(notes.strip());
        }
    }
}
