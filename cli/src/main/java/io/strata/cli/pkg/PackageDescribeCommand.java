package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import io.strata.cli.output.JsonOutput;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata package describe NAME [--config] [--package-version V]}. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a package: its description, versions and notes; --config prints its options schema.")
public final class PackageDescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PackageApi api;
    @Mixin
    OutputOptions output;
    @Parameters(paramLabel = "NAME", description = "The package.")
    String name;
    @Option(names = "--config", description = "Print the package's config schema (the options it takes).")
    boolean config;
    @Option(names = "--package-version", paramLabel = "V", description = "A version other than the current one.")
    String version;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        var body = PackageClient.body().put("packageName", name);
        if (version != null) {
            body.put("packageVersion", version);
        }
        JsonNode reply = api.client(environment).call("describe", body);
        if (config) {
            JsonOutput.print(reply.path("config"), environment.out());
        } else if (output.json()) {
            JsonOutput.print(reply, environment.out());
        } else {
            print(reply.path("package"), environment.out());
        }
        return ExitCodes.OK;
    }

    /** The human-readable summary of package.json. */
    static void print(JsonNode pkg, PrintStream out) {
        out.println(pkg.path("name").asText() + " " + pkg.path("version").asText()
                + (pkg.path("framework").asBoolean() ? " (framework)" : ""));
        out.println("  " + pkg.path("description").asText());
        line(out, "maintainer", pkg.path("maintainer").asText(""));
        line(out, "website", pkg.path("website").asText(""));
        java.util.List<String> tags = new java.util.ArrayList<>();
        pkg.path("tags").forEach(t -> tags.add(t.asText()));
        line(out, "tags", String.join(", ", tags));
        line(out, "packaging", pkg.path("packagingVersion").asText(""));
        line(out, "pre-install notes", pkg.path("preInstallNotes").asText(""));
        line(out, "post-install notes", pkg.path("postInstallNotes").asText(""));
        out.println("Options: strata package describe " + pkg.path("name").asText() + " --config");
    }

    private static void line(PrintStream out, String label, String value) {
        if (!value.isBlank()) {
            out.println("  " + label + ": " + value);
        }
    }
}
