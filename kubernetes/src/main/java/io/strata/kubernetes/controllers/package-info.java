/**
 * Upstream's controllers over the internal API: each is a pure reconciler ({@code (desired, observed, now) ->
 * intents}) and an {@link io.strata.kubernetes.controllers.Applier} that performs the intents through
 * {@link io.strata.kubernetes.apiserver.ResourceService}; {@link io.strata.kubernetes.controllers.ControllerManager}
 * drives them from store watches through de-duplicating work queues.
 */
package io.strata.kubernetes.controllers;
