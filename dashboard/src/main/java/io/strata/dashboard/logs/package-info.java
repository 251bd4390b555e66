/**
 * Task logs for the dashboard: a task's stdout or stderr read server-side from its agent's sandbox through the
 * master's state and the agent's file API, in byte ranges a browser can poll.
 */
package io.strata.dashboard.logs;
