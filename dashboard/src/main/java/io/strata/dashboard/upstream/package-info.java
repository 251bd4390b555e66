/**
 * How the dashboard server reaches the cluster: the leading master (resolved from a URL or {@code zk://} and
 * re-resolved after failures) and the optional pass-through of {@code /mesos}, {@code /marathon} and
 * {@code /package} used when no admin router stands in front of the dashboard.
 */
package io.strata.dashboard.upstream;
