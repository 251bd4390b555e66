/**
 * The CronJob controller: {@link io.strata.kubernetes.controllers.cronjob.CronSchedule} parses upstream's
 * five-field schedules (cron-utils, with the {@code @hourly}-style macros), {@link
 * io.strata.kubernetes.controllers.cronjob.CronJobReconciler} creates Jobs {@code <cronjob>-<scheduled minutes>}
 * under the concurrency policy, suspend, starting deadline and history limits;
 * {@link io.strata.kubernetes.controllers.OwnerController} drives it with an {@code InstantSource}.
 */
package io.strata.kubernetes.controllers.cronjob;
