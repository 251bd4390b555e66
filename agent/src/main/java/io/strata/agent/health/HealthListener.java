package io.strata.agent.health;

/**
 * Receives the outcome of a task's health checks. Both methods are called on the checker's thread, one call at a
 * time; they must not block for long.
 */
public interface HealthListener {

    /** Called when the task's health changes (first result counted, healthy to unhealthy, or back). */
    void onHealth(boolean healthy, String message, int consecutiveFailures);

    /** Called once when consecutive failures reach the limit: the agent should kill the task. */
    void killRequested(String message, int consecutiveFailures);
}
