/**
 * The HTTP face of the Kubernetes API server: request routing for {@code /api} and {@code /apis}, discovery,
 * OpenAPI, Status errors in upstream's exact shape, Tables, watches, and the verbs of every resource.
 */
package io.strata.kubernetes.apiserver;
