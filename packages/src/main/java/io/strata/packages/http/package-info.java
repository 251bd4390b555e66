/** The package HTTP API: Cosmos' paths, media types, request and reply JSON, and error JSON. */
package io.strata.packages.http;
