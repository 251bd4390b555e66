/**
 * Client side of the exec streams (the agent's {@code /api/v1/containers/{id}/exec} and Kubernetes' pods/exec):
 * reading the final Status into an exit code.
 */
package io.strata.client.exec;
