package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an installed app stands, from Marathon's {@code GET /v2/apps/{id}} and {@code GET /v2/queue}: done when no
 * deployment is running and every instance is healthy (running, for an app without health checks).
 *
 * @param instances the wanted instances
 * @param running tasks running
 * @param healthy tasks healthy
 * @param healthChecked whether the app has health checks
 * @param deploying whether a deployment is still running
 * @param waiting why the app waits for resources (the queue's most frequent rejection), or null
 */
record InstallProgress(int instances, int running, int healthy, boolean healthChecked, boolean deploying,
                       String waiting) {
    private static final int BAR_WIDTH = 20;

    /** The progress of {@code app} (the {@code app} object) given the whole queue reply. */
    static InstallProgress of(JsonNode app, JsonNode queue) {
        return new InstallProgress(app.path("instances").asInt(1), app.path("tasksRunning").asInt(0),
                app.path("tasksHealthy").asInt(0), !app.path("healthChecks").isEmpty(),
                !app.path("deployments").isEmpty(), reason(queue, app.path("id").asText()));
    }

    /** The instances counted as ready: healthy ones, or running ones without health checks. */
    int ready() {
        return healthChecked ? healthy : running;
    }

    /** Whether the install is complete. */
    boolean done() {
        return !deploying && ready() >= instances;
    }

    /** {@code [##########----------] 1/2 healthy, 2 running, deploying}. */
    String line() {
        int filled = instances == 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, ready() * BAR_WIDTH / instances);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + ready() + "/" + instances
                + (healthChecked ? " healthy, " + running + " running" : " running")
                + (deploying ? ", deploying" : "");
    }

    /**
     * The reason that rejected the most offers for {@code appId} in the queue ({@code processedOffersSummary
     * .rejectSummaryLastOffers[{reason, declined}]}), e.g. {@code InsufficientMemory (3 offers)}; null when the app
     * is not waiting.
     */
    static String reason(JsonNode queue, String appId) {
        for (JsonNode entry : queue.path("queue")) {
            if (!appId.equals(entry.path("app").path("id").asText())) {
                continue;
            }
            String best = null;
            int most = 0;
            for (JsonNode reason : entry.path("processedOffersSummary").path("rejectSummaryLastOffers")) {
                int declined = reason.path("declined").asInt();
                if (declined > most) {
                    most = declined;
                    best = reason.path("reason").asText();
                }
            }
            if (best != null) {
                return best + " (" + most + (most == 1 ? " offer)" : " offers)");
            }
            return entry.path("delay").path("overdue").asBoolean(true) ? "no offers fit yet" : "delayed after failures";
        }
        return null;
    }
}
