/**
 * The patch formats of the Kubernetes API: JSON patch (RFC 6902), JSON merge patch (RFC 7386), strategic merge
 * patch with upstream's merge keys and directives for the built-in kinds, and the field sets of server-side
 * apply's managedFields. All pure functions over Jackson trees.
 */
package io.strata.kubernetes.patch;
