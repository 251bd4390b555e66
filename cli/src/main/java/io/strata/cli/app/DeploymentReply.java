package io.strata.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliEnvironment;
import io.strata.cli.service.ServiceEndpoint;

/**
 * What the commands that start a deployment (remove, scale, restart) print after the API accepted the change:
 * {@code <action> (deployment <id>)}, then, with {@code --wait}, the deployment's progress until it ends.
 */
final class DeploymentReply {
    private DeploymentReply() {
    }

    /** Prints {@code action} with the deployment id of {@code reply} and follows it when asked to. */
    static void report(CliEnvironment environment, ServiceEndpoint api, JsonNode reply, String action,
                       WaitOptions wait) {
        String deployment = DeploymentWait.idOf(reply);
        environment.out().println(action + (deployment == null ? "" : " (deployment " + deployment + ")"));
        if (wait.wait && deployment != null) {
            DeploymentWait.await(api, deployment, wait.timeout(), environment.out());
        }
    }
}
