/**
 * {@code strata kubectl ARGS...}: runs the installed kubectl against the cluster's Kubernetes API through the admin
 * router ({@code <cluster.url>/service/kubernetes}), with a kubeconfig that Strata writes and owns, as
 * {@code dcos kubectl} did.
 */
package io.strata.cli.kubectl;
