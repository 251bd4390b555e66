package io.strata.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one deployment in {@code GET /v2/deployments} until it is gone (done), printing a line each time its
 * step or current actions change; a deployment still listed after {@code timeout} is a failure.
 */
final class DeploymentWait {
    private static final Duration POLL = Duration.ofMillis(500);

    private DeploymentWait() {
    }

    /** Waits for {@code deploymentId}; prints progress on {@code out}. */
    static void await(ServiceEndpoint api, String deploymentId, Duration timeout, PrintStream out) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            JsonNode deployment = find(api.get("/v2/deployments"), deploymentId);
            if (deployment == null) {
                out.println("deployment " + deploymentId + ": done");
                return;
            }
            String line = progress(deployment);
            if (!line.equals(last)) {
                out.println("deployment " + deploymentId + ": " + line);
                last = line;
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure(ExitCodes.FAILURE, "deployment " + deploymentId + " still running after "
                        + timeout.toSeconds() + " s (" + line + "); see 'strata app deployments'");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.FAILURE, "interrupted");
            }
        }
    }

    static JsonNode find(JsonNode deployments, String id) {
        for (JsonNode deployment : deployments) {
            if (id.equals(deployment.path("id").asText())) {
                return deployment;
            }
        }
        return null;
    }

    /** {@code step 1/2: ScaleApplication /web (waiting for ...)} from Marathon's deployment JSON. */
    static String progress(JsonNode deployment) {
        List<String> actions = new ArrayList<>();
        for (JsonNode action : deployment.path("currentActions")) {
            String text = action.path("action").asText() + " " + action.path("app").asText();
            String waiting = action.path("waitingFor").asText("");
            actions.add(waiting.isEmpty() ? text : text + " (waiting for " + waiting + ")");
        }
        return "step " + deployment.path("currentStep").asInt() + "/" + deployment.path("totalSteps").asInt()
                + (actions.isEmpty() ? "" : ": " + String.join(", ", actions));
    }

    /** The deployment id of a Marathon reply: {@code deploymentId}, else the first of {@code deployments[]}. */
    static String idOf(JsonNode reply) {
        if (reply.path("deploymentId").isTextual()) {
            return reply.get("deploymentId").asText();
        }
        JsonNode first = reply.path("deployments").path(0).path("id");
        return first.isTextual() ? first.asText() : null;
    }
}
