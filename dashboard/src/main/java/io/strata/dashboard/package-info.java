/**
 * Strata's web dashboard: {@link io.strata.dashboard.DashboardServer} serves the single-page UI (plain ES
 * modules, no Node.js in the build), a Server-Sent Events feed of the master's operator events, the allocation
 * history and task logs, configured by {@link io.strata.dashboard.DashboardConfig}.
 */
package io.strata.dashboard;
