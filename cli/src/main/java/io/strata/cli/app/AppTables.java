package io.strata.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Formats;
import io.strata.cli.output.Table;
import java.util.ArrayList;
import java.util.List;

/** The tables of {@code app list}, {@code app deployments} and {@code app queue}, from Marathon JSON. */
final class AppTables {
    private AppTables() {
    }

    /** One row per app of {@code GET /v2/apps}. */
    static Table apps(JsonNode apps) {
        Table.Builder table = Table.builder("ID", "INSTANCES", "RUNNING", "HEALTHY", "CPUS", "MEM", "DEPLOYING", "CMD");
        for (JsonNode app : apps) {
            table.row(app.path("id").asText(), app.path("instances").asText(), app.path("tasksRunning").asText("0"),
                    healthy(app), Formats.scalar(app.path("cpus").asDouble()),
                    Formats.scalar(app.path("mem").asDouble()), app.path("deployments").isEmpty() ? "no" : "yes",
                    command(app));
        }
        return table.build();
    }

    private static String healthy(JsonNode app) {
        return app.path("healthChecks").isEmpty() ? "-" : app.path("tasksHealthy").asText("0");
    }

    private static String command(JsonNode app) {
        if (app.path("cmd").isTextual()) {
            String cmd = app.get("cmd").asText();
            return cmd.length() > 40 ? cmd.substring(0, 37) + "..." : cmd;
        }
        JsonNode image = app.path("container").path("docker").path("image");
        return image.isTextual() ? "image " + image.asText() : "-";
    }

    /** One row per deployment of {@code GET /v2/deployments}. */
    static Table deployments(JsonNode deployments) {
        Table.Builder table = Table.builder("ID", "APPS", "STEP", "ACTIONS");
        for (JsonNode deployment : deployments) {
            List<String> apps = new ArrayList<>();
            deployment.path("affectedApps").forEach(a -> apps.add(a.asText()));
            table.row(deployment.path("id").asText(), String.join(",", apps),
                    deployment.path("currentStep").asInt() + "/" + deployment.path("totalSteps").asInt(),
                    DeploymentWait.progress(deployment).replaceFirst("^step \\d+/\\d+(: )?", ""));
        }
        return table.build();
    }

    /** One row per queued app of {@code GET /v2/queue}, with the most frequent reason offers were declined. */
    static Table queue(JsonNode queue) {
        Table.Builder table = Table.builder("APP", "WAITING", "DELAYED", "WHY");
        for (JsonNode entry : queue.path("queue")) {
            JsonNode app = entry.path("app");
            String id = app.isMissingNode() ? entry.path("pod").path("id").asText() : app.path("id").asText();
            table.row(id, entry.path("count").asText("0"), entry.path("delay").path("overdue").asBoolean(true)
                    ? "no" : "yes", reason(entry.path("processedOffersSummary")));
        }
        return table.build();
    }

    /** The reason that rejected the most offers in the last offer round, e.g. {@code InsufficientMemory (3)}. */
    static String reason(JsonNode summary) {
        String best = null;
        int most = 0;
        for (JsonNode reason : summary.path("rejectSummaryLastOffers")) {
            int declined = reason.path("declined").asInt();
            if (declined > most) {
                most = declined;
                best = reason.path("reason").asText();
            }
        }
        return best == null ? "-" : best + " (" + most + ")";
    }
}
