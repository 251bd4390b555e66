/**
 * The garbage collector and the namespace finalizer: background loops that delete dependents whose owners are
 * gone, finish Foreground deletions once an owner has no dependents left, and empty terminating namespaces.
 */
package io.strata.kubernetes.gc;
