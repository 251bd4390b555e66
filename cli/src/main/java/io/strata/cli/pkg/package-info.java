/**
 * {@code strata package}: the client of the package service (DC/OS Cosmos API, mounted at
 * {@code <cluster.url>/package}): repositories, search, describe, install with a progress wait on the services API,
 * list and uninstall.
 */
package io.strata.cli.pkg;
