/**
 * {@code strata service list}: what runs on the cluster in one table, as the DC/OS Services page shows it: the
 * frameworks registered with the master and the apps of the services framework, each with its health.
 */
package io.strata.cli.servicelist;
