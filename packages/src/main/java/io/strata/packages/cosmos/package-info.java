/**
 * Cosmos' package operations over the repository catalog, the renderer and the services API, in Cosmos' JSON
 * shapes.
 */
package io.strata.packages.cosmos;
