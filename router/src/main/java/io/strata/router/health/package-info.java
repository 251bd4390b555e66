/**
 * {@code /system/health}: the router probes each component it fronts (the leading master, services, jobs, DNS,
 * Kubernetes) in parallel with a short timeout and reports each one's state, so an operator and the dashboard
 * see at a glance which upstream is down.
 */
package io.strata.router.health;
