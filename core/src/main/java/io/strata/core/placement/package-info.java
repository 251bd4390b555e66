/**
 * The placement pipeline, in the style of Nomad's scheduler and the Kubernetes scheduler framework: a
 * {@link io.strata.core.placement.PlacementPipeline} runs pending
 * {@link io.strata.core.placement.PlacementRequest}s through small
 * {@link io.strata.core.placement.PlacementFilter}s (accepted roles, resources, Marathon constraints; cheap first)
 * that return a {@link io.strata.core.placement.Verdict} with a named reason, then
 * {@link io.strata.core.placement.PlacementScorer}s (bin-pack, spread), selects the best
 * {@link io.strata.core.placement.Candidate}, and picks concrete resources and port numbers with the
 * {@link io.strata.core.placement.ResourceMatcher}. The result is a {@link io.strata.core.placement.PlacementPlan}
 * that also says why every unplaced request waits. {@link io.strata.core.placement.PlacementRegistry} lists the
 * parts. Runs are pure and replayable from a seed.
 */
package io.strata.core.placement;
