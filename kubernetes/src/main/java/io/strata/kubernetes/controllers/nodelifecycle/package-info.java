/**
 * The node lifecycle controller's eviction: {@link
 * io.strata.kubernetes.controllers.nodelifecycle.NodeLifecycleReconciler} deletes the pods bound to a Node whose
 * Ready condition has been False or Unknown for longer than the eviction timeout;
 * {@link io.strata.kubernetes.controllers.nodelifecycle.NodeLifecycleController} drives it.
 */
package io.strata.kubernetes.controllers.nodelifecycle;
