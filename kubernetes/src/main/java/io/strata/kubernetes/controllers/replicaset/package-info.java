/**
 * The ReplicaSet controller: {@link io.strata.kubernetes.controllers.replicaset.ReplicaSetReconciler} keeps
 * {@code spec.replicas} active pods from the template, adopts matching orphans, deletes extras in upstream's order
 * and computes the status; {@link io.strata.kubernetes.controllers.OwnerController} drives it.
 */
package io.strata.kubernetes.controllers.replicaset;
