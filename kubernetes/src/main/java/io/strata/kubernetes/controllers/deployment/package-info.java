/**
 * The Deployment controller: {@link io.strata.kubernetes.controllers.deployment.RollingUpdate} holds upstream's
 * maxSurge/maxUnavailable arithmetic, {@link io.strata.kubernetes.controllers.deployment.DeploymentReconciler}
 * plans ReplicaSets {@code <deployment>-<pod-template-hash>}, revisions, history cleanup and status with
 * upstream's conditions; {@link io.strata.kubernetes.controllers.OwnerController} drives it.
 */
package io.strata.kubernetes.controllers.deployment;
