/**
 * What the API server serves: the catalog of resource types with their discovery facts, and the per-kind rules
 * (defaults, validation, name formats) applied to objects before they are stored.
 */
package io.strata.kubernetes.resources;
