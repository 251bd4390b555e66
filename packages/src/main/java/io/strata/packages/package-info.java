/**
 * Strata's package service, the counterpart of DC/OS Cosmos: {@link io.strata.packages.PackageService} started
 * from a {@link io.strata.packages.PackagesConfig}, or from the command line by
 * {@link io.strata.packages.PackagesCommand}.
 */
package io.strata.packages;
