/**
 * {@code strata app ...}: long-running services on the services framework's Marathon v2 API (add, list, show,
 * remove, scale, restart, deployments, queue), with {@code --wait} following a deployment until it ends.
 */
package io.strata.cli.app;
