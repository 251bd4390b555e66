/** {@code strata framework ...}: the frameworks subscribed to the master. */
package io.strata.cli.framework;
