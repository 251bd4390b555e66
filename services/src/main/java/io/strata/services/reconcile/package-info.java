/**
 * The pure side of the services framework: the reconciler that turns (app spec, observed instances, now) into
 * launch and kill intents, Marathon's rolling-upgrade capacity arithmetic, and the launch backoff. No I/O, no
 * clocks: the engine passes time in and applies the intents.
 */
package io.strata.services.reconcile;
