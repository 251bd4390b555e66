/**
 * Hierarchical Dominant Resource Fairness allocation, after Mesos' {@code HierarchicalDRF}: the
 * {@link io.strata.core.allocator.HierarchicalAllocator} keeps agents, frameworks, allocations and refusal filters
 * and turns one allocation run into {@link io.strata.core.allocator.OfferProposal}s, while all ordering lives in
 * {@link io.strata.core.allocator.Sorter} implementations ({@link io.strata.core.allocator.DrfSorter}): roles
 * first, then frameworks within a role. Time is passed in as epoch millis and the agent order is shuffled with a
 * caller-supplied {@link java.util.random.RandomGenerator}, so every run can be replayed in a test.
 */
package io.strata.core.allocator;
