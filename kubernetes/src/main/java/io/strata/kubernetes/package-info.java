/**
 * The Kubernetes framework's entry points: its configuration, its lifecycle ({@link
 * io.strata.kubernetes.KubernetesFramework#start}) and the {@code strata kubernetes} command.
 */
package io.strata.kubernetes;
