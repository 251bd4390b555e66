/** {@code strata node ...}: the cluster's agents as the master sees them. */
package io.strata.cli.node;
