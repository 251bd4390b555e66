/**
 * Talking to a framework's own HTTP API (services on the Marathon API, jobs on the Chronos API) from the CLI:
 * where it is ({@link io.strata.cli.service.ServiceOptions}), JSON requests with the API's error bodies turned
 * into one-line messages and exit codes ({@link io.strata.cli.service.ServiceEndpoint}).
 */
package io.strata.cli.service;
