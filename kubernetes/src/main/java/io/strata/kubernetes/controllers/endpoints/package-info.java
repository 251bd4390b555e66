/**
 * The Endpoints and EndpointSlice controllers in one: {@link
 * io.strata.kubernetes.controllers.endpoints.EndpointsReconciler} derives, from the pods a Service selects, its
 * Endpoints (ready addresses, notReadyAddresses, ports resolved by number or container port name) and its
 * EndpointSlices; {@link io.strata.kubernetes.controllers.endpoints.EndpointsController} drives it.
 */
package io.strata.kubernetes.controllers.endpoints;
