package io.strata.cli.servicelist;

import com.fasterxml.jackson.databind.JsonNode;

/** DC/OS' service health words, derived from Marathon app JSON. */
public enum ServiceHealth {
    /** Every wanted instance runs and passes its health checks. */
    HEALTHY("Healthy"),
    /** Some wanted instance is missing or failing its health checks. */
    UNHEALTHY("Unhealthy"),
    /** Scaled to zero. */
    IDLE("Idle"),
    /** Running without health checks: nothing to judge by. */
    NA("NA");

    private final String label;

    ServiceHealth(String label) {
        this.label = label;
    }

    /** The word the dashboard and CLI print. */
    public String label() {
        return label;
    }

    /**
     * The health of an app: Idle at 0 instances; NA without health checks; Healthy when tasksHealthy reaches
     * instances; else Unhealthy.
     */
    public static ServiceHealth ofApp(JsonNode app) {
        int instances = app.path("instances").asInt(0);
        if (instances == 0) {
            return IDLE;
        }
        if (app.path("healthChecks").isEmpty()) {
            return NA;
        }
        return app.path("tasksHealthy").asInt(0) >= instances ? HEALTHY : UNHEALTHY;
    }
}
