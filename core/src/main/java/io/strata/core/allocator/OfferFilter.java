package io.strata.core.allocator;

import io.strata.core.resources.Resources;

/**
 * A refusal filter of one framework on one agent: until {@code expiresAtMillis} the framework is not offered the
 * agent when what would be offered is a subset of {@code resources}, as in Mesos.
 *
 * <p>Example: a framework declines {@code cpus:4;mem:1024} for 5 s. During that time an offer of
 * {@code cpus:2;mem:512} is also skipped (it is covered), but {@code cpus:8;mem:1024} is offered, because more
 * became free.
 *
 * @param resources the declined resources
 * @param expiresAtMillis epoch millis at which the filter stops applying
 */
record OfferFilter(Resources resources, long expiresAtMillis) {

    /** Returns true if the filter still applies at {@code nowMillis} and covers {@code offerable}. */
    boolean refuses(Resources offerable, long nowMillis) {
        return nowMillis < expiresAtMillis && resources.contains(offerable);
    }
}
