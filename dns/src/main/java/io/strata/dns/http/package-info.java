/**
 * Mesos-DNS's HTTP API (/v1/version, /v1/config, /v1/hosts, /v1/services) over the current records.
 */
package io.strata.dns.http;
