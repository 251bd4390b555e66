/**
 * HTTP server plumbing shared by every Strata server: Javalin on virtual threads with settings fit for
 * long-lived streams ({@link io.strata.server.HttpServer}), RecordIO event streams
 * ({@link io.strata.server.EventStream}) and the mapping of API errors to status codes
 * ({@link io.strata.server.ApiException}).
 */
package io.strata.server;
