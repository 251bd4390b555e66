/**
 * The Job controller: {@link io.strata.kubernetes.controllers.job.JobReconciler} runs pods up to parallelism until
 * completions succeed (Complete) or failures exceed backoffLimit or activeDeadlineSeconds passes (Failed), with
 * upstream's counts, times and conditions; {@link io.strata.kubernetes.controllers.OwnerController} drives it.
 */
package io.strata.kubernetes.controllers.job;
