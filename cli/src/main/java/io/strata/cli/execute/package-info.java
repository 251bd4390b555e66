/**
 * {@code strata execute}: a one-shot framework like {@code mesos-execute}. {@link io.strata.cli.execute.ResourceText}
 * parses the requested resources, {@link io.strata.cli.execute.OfferMatcher} carves them out of an offer,
 * {@link io.strata.cli.execute.ExecuteSession} reacts to scheduler events (launch, decline, acknowledge,
 * finish) without doing I/O itself, and {@link io.strata.cli.execute.ExecuteCommand} wires it to the
 * scheduler client, the clock and the terminal.
 */
package io.strata.cli.execute;
