/**
 * {@code strata job ...}: scheduled jobs on the jobs framework's Chronos API (add, list, show, run, remove,
 * history).
 */
package io.strata.cli.job;
