package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.OutputOptions;
import io.strata.cli.output.JsonOutput;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata package uninstall NAME [--app-id ID] [--all] [--yes]}: destroys the package's app(s). */
@Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove an installed package's app.")
public final class PackageUninstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PackageApi api;
    @Mixin
    OutputOptions output;
    @Parameters(paramLabel = "NAME", description = "The package.")
    String name;
    @Option(names = "--app-id", paramLabel = "ID", description = "Which install, when there are several.")
    String appId;
    @Option(names = "--all", description = "Every install of the package.")
    boolean all;
    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        PrintStream out = output.json() ? environment.err() : environment.out();
        String what = appId != null ? name + " (app " + appId + ")" : all ? "every install of " + name : name;
        if (!yes && !Confirmation.ask("Uninstall " + what + "?", new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8)), out)) {
            throw new CliFailure(ExitCodes.FAILURE, "uninstall cancelled; nothing was removed");
        }
        var body = PackageClient.body().put("packageName", name).put("all", all);
        if (appId != null) {
            body.put("appId", appId);
        }
        JsonNode reply = api.client(environment).call("uninstall", body);
        for (JsonNode result : reply.path("results")) {
            out.println("Uninstalled " + result.path("packageName").asText() + " "
                    + result.path("packageVersion").asText() + " (app " + result.path("appId").asText() + ").");
            String notes = result.path("postUninstallNotes").asText("");
            if (!notes.isBlank()) {
                out.println(notes.strip());
            }
        }
        if (output.json()) {
            JsonOutput.print(reply, environment.out());
        }
        return ExitCodes.OK;
    }
}
