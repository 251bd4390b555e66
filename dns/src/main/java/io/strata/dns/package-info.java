/**
 * Strata's Mesos-DNS-compatible service discovery: the server's entry points (DnsServer, DnsConfig, DnsCommand) and host resolver configuration.
 */
package io.strata.dns;
