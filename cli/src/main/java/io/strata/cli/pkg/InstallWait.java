package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import io.strata.cli.service.ServiceEndpoint;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Waits until an installed app is deployed and healthy, polling the services (Marathon) API and printing a progress
 * line whenever it changes, and why the app waits when the queue says so.
 */
final class InstallWait {
    private static final Duration POLL = Duration.ofSeconds(1);

    private InstallWait() {
    }

    /** Waits for {@code appId}; fails with the last progress and reason after {@code timeout}. */
    static void await(ServiceEndpoint marathon, String appId, Duration timeout, PrintStream out) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastLine = "";
        String lastReason = null;
        String path = "/v2/apps" + encode(appId);
        while (true) {
            JsonNode app = marathon.get(path + "?embed=app.deployments").path("app");
            InstallProgress progress = InstallProgress.of(app, marathon.get("/v2/queue"));
            if (!progress.line().equals(lastLine)) {
                out.println(progress.line());
                lastLine = progress.line();
            }
            if (progress.waiting() != null && !progress.waiting().equals(lastReason)) {
                out.println("  waiting for resources: " + progress.waiting());
            }
            lastReason = progress.waiting();
            if (progress.done()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure(ExitCodes.FAILURE, appId + " is not deployed and healthy after "
                        + timeout.toSeconds() + " s (" + progress.line() + ")"
                        + (progress.waiting() == null ? "" : "; it cannot be placed: " + progress.waiting())
                        + "; see 'strata app queue' and 'strata app show " + appId + "'");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.FAILURE, "interrupted");
            }
        }
    }

    /** The app id as a URL path: each segment encoded, leading slash kept. */
    static String encode(String appId) {
        StringBuilder path = new StringBuilder();
        for (String segment : appId.replaceFirst("^/", "").split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
        }
        return path.toString();
    }
}
