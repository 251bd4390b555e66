package io.strata.api.mesos;

/** Offer identifier; good for one ACCEPT or DECLINE. */
public record OfferId(String value) {
}
