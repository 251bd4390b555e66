package io.strata.dns.resolver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Forwards queries for names outside our domains to upstream resolvers (the host's, from
 * {@code /etc/resolv.conf}, or configured), asynchronously so that no server thread waits. dnsjava's
 * {@link ExtendedResolver} tries the upstreams in turn and retries over TCP when an answer is truncated.
 */
public final class Forwarder {
    private final Resolver resolver;
    private final List<InetSocketAddress> upstreams;

    /** A forwarder to {@code upstreams} (not empty), giving up after {@code timeout} in all. */
    public Forwarder(List<InetSocketAddress> upstreams, Duration timeout) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a forwarder needs at least one upstream resolver");
        }
        this.upstreams = List.copyOf(upstreams);
        Resolver[] resolvers = upstreams.stream().map(a -> {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(timeout);
            return (Resolver) r;
        }).toArray(Resolver[]::new);
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        extended.setRetries(1);
        this.resolver = extended;
    }

    /** The upstream resolvers. */
    public List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /** The upstream answer to a copy of {@code query}; completes exceptionally on timeout or failure. */
    public CompletionStage<Message> forward(Message query) {
        return resolver.sendAsync(query.clone());
    }
}
