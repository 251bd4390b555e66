/**
 * The package API's one failure type, {@link io.strata.packages.error.PackageException}, carrying a Cosmos error
 * type that maps to the HTTP status and, in the CLI, to the exit code.
 */
package io.strata.packages.error;
