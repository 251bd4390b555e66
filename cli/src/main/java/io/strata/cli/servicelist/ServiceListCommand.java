package io.strata.cli.servicelist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.CliFailure;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.cli.OutputOptions;
import io.strata.cli.app.ServicesApi;
import io.strata.cli.framework.FrameworkTable;
import io.strata.cli.output.Formats;
import io.strata.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code strata service list}: frameworks (from the master) and apps (from the services API; skipped with a note
 * on stderr when the services framework is not reachable).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List frameworks and service apps with their status, tasks, resources and health.")
public final class ServiceListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;
    @Mixin
    ServicesApi services;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliEnvironment environment = Commands.environment(spec);
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode framework : master.client(environment).frameworks()) {
            rows.add(frameworkRow(framework));
        }
        try {
            for (JsonNode app : services.endpoint(environment).get("/v2/apps").path("apps")) {
                rows.add(appRow(app));
            }
        } catch (CliFailure e) {
            environment.err().println("note: apps not listed: " + e.getMessage());
        }
        output.print(rows, () -> table(rows), environment.out());
        return ExitCodes.OK;
    }

    static ObjectNode frameworkRow(JsonNode framework) {
        JsonNode used = framework.path("used_resources");
        return JsonNodeFactory.instance.objectNode().put("name", framework.path("name").asText())
                .put("kind", "framework").put("id", framework.path("id").asText())
                .put("status", framework.path("active").asBoolean() ? "Running" : "Inactive")
                .put("role", FrameworkTable.role(framework))
                .put("tasks", framework.path("tasks").size()).put("cpus", used.path("cpus").asDouble(0))
                .put("mem", used.path("mem").asDouble(0)).put("health", ServiceHealth.NA.label())
                .put("webui_url", framework.path("webui_url").asText(""));
    }

    static ObjectNode appRow(JsonNode app) {
        int instances = app.path("instances").asInt(0);
        String status = !app.path("deployments").isEmpty() ? "Deploying"
                : instances == 0 ? "Suspended" : "Running";
        return JsonNodeFactory.instance.objectNode().put("name", app.path("id").asText()).put("kind", "app")
                .put("id", app.path("id").asText()).put("status", status).put("role", "")
                .put("tasks", app.path("tasksRunning").asInt(0))
                .put("cpus", app.path("cpus").asDouble(0) * instances)
                .put("mem", app.path("mem").asDouble(0) * instances)
                .put("health", ServiceHealth.ofApp(app).label()).put("instances", instances);
    }

    static Table table(List<JsonNode> rows) {
        Table.Builder table = Table.builder("NAME", "KIND", "STATUS", "TASKS", "CPUS", "MEM", "HEALTH");
        for (JsonNode row : rows) {
            String tasks = row.has("instances") ? row.get("tasks").asText() + "/" + row.get("instances").asText()
                    : row.get("tasks").asText();
            table.row(row.get("name").asText(), row.get("kind").asText(), row.get("status").asText(), tasks,
                    Formats.scalar(row.get("cpus").asDouble()), Formats.scalar(row.get("mem").asDouble()),
                    row.get("health").asText());
        }
        return table.build();
    }
}
