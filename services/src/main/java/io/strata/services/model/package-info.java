/**
 * The services framework's values: Marathon path ids, app definitions with Marathon's defaults, instances (tasks)
 * with their conditions, and deployments. Records only; no I/O.
 */
package io.strata.services.model;
