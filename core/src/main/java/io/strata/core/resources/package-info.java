/**
 * Mesos resources and agent attributes as immutable values: fixed-point {@link io.strata.core.resources.Scalar}
 * (three decimals, exact arithmetic), coalesced {@link io.strata.core.resources.Ranges}, string sets, the
 * {@link io.strata.core.resources.Resource} record with its role, and the {@link io.strata.core.resources.Resources}
 * bag with {@code plus}, {@code minus}, {@code contains} and role views ({@code allocatableTo(role)}); plus the
 * parsers and formatters for the agent text forms ({@code cpus:2;ports:[31000-32000]},
 * {@code rack:r1;level:10}). Invalid input throws {@link io.strata.core.resources.InvalidResourcesException},
 * which the HTTP edge maps to 400. Everything here is pure: no I/O, no clock, no randomness.
 */
package io.strata.core.resources;
