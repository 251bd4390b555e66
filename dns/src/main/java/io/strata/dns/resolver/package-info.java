/**
 * The DNS wire side: the atomically swapped zone, the responder built on dnsjava, the UDP and TCP listeners and forwarding to upstream resolvers.
 */
package io.strata.dns.resolver;
