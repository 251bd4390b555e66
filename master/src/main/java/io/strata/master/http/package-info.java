/** The master's HTTP edge: the scheduler API, the agent channel, the operator endpoints and metrics. */
package io.strata.master.http;
