/**
 * HTTP clients of a Strata cluster over {@code java.net.http}: {@link io.strata.client.MasterLocator} finds the
 * leading master, {@link io.strata.client.MasterClient} reads its operator endpoints,
 * {@link io.strata.client.SchedulerClient} speaks the Mesos v1 scheduler API and
 * {@link io.strata.client.AgentClient} reads an agent's state and sandbox files. Every failure surfaces as one
 * {@link io.strata.client.StrataClientException} whose {@link io.strata.client.StrataClientException.Code}
 * maps to a CLI exit code. No server code lives here.
 */
package io.strata.client;
