package io.strata.dns.resolver;

import org.xbill.DNS.Message;

/** What the {@link Responder} decided for one packet. */
public sealed interface Answer {
    /** Send these bytes back. */
    record Reply(byte[] wire) implements Answer {
    }

    /** Not ours: ask the upstream resolvers and send their answer (at most {@code maxSize} bytes). */
    record Forward(Message query, int maxSize) implements Answer {
    }

    /** Send nothing (not a query, or too short to carry an id). */
    record Drop() implements Answer {
    }

    /** The shared {@link Drop}. */
    Drop DROP = new Drop();
}
