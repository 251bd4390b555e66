/**
 * Marathon's v2 REST API over Javalin: routes, the read resources (apps, tasks, queue, groups), the server-sent
 * event stream, and forwarding from a standby to the leader.
 */
package io.strata.services.http;
