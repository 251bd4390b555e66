/**
 * The CLI's own settings ({@code strata config set|show|unset}), kept as JSON in {@code ~/.strata/config.json}
 * (or {@code $STRATA_CONFIG}). {@code cluster.url} (the admin router) makes every command reach the cluster
 * through it: the master under {@code /mesos}, services under {@code /marathon}, jobs under {@code /chronos}.
 */
package io.strata.cli.config;
