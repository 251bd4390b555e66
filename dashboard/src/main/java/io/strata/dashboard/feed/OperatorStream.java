package io.strata.dashboard.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.operator.OperatorEventStream;
import io.strata.dashboard.upstream.MasterEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the leading master's v1 operator event stream through the shared {@link OperatorEventStream} client and
 * tells a {@link Listener} about every change of the folded {@link ClusterSummary}.
 *
 * <p>The stream is reopened against the leader after it ends, breaks or falls silent (the {@link MasterEndpoint}
 * resolves again after a failure, so a {@code zk://} address follows failover) with backoff from 100 ms to 5 s.
 * While disconnected the last summary stays, marked disconnected. Lifecycle: NEW, {@link #start} once,
 * {@link #close} once. The listener is called on the stream's reader thread, in stream order.
 */
public final class OperatorStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorStream.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Receives the summary after each change, with the event that caused it (absent for connection changes). */
    @FunctionalInterface
    public interface Listener {
        /** Called on the reader thread, in stream order. */
        void changed(ClusterSummary summary, Optional<JsonNode> event);
    }

    private final Listener listener;
    private final OperatorEventStream stream;
    private volatile ClusterSummary summary = ClusterSummary.EMPTY;

    /** A stream of the master behind {@code master}, reporting to {@code listener}. */
    public OperatorStream(MasterEndpoint master, Listener listener) {
        this.listener = listener;
        this.stream = new OperatorEventStream(new OperatorEventStream.MasterAddress() {
            @Override
            public URI resolve() {
                return master.url();
            }

            @Override
            public void forget() {
                master.forget();
            }

            @Override
            public String describe() {
                return master.address();
            }
        }, master.transport(), OperatorEventStream.Settings.defaults("strata-dashboard-events", MAX_BACKOFF),
                new Fold());
    }

    /** The latest summary (disconnected and empty before the first SUBSCRIBED). */
    public ClusterSummary summary() {
        return summary;
    }

    /** Starts following the stream. */
    public void start() {
        stream.start();
    }

    /** Folds each event into the summary; the connection is marked on SUBSCRIBED and cleared when it ends. */
    private final class Fold implements OperatorEventStream.Handler {
        private String leaderUrl = "";

        @Override
        public void opened(URI leader) {
            leaderUrl = leader.getScheme() + "://" + leader.getRawAuthority();
        }

        @Override
        public void event(JsonNode event, boolean endOfBurst) {
            ClusterSummary before = summary;
            ClusterSummary after = OperatorEventFold.apply(before, event);
            if (event.path("type").asText().equals("SUBSCRIBED")) {
                after = after.withConnection(leaderUrl);
            }
            if (after != before) {
                publish(after, Optional.of(event));
            }
        }

        @Override
        public void closed(boolean subscribed) {
            if (summary.connected()) {
                publish(summary.withConnection(""), Optional.empty());
            }
        }
    }

    private void publish(ClusterSummary next, Optional<JsonNode> event) {
        summary = next;
        try {
            listener.changed(next, event);
        } catch (RuntimeException e) {
            LOG.warn("dashboard feed listener failed", e);
        }
    }

    /** Stops following the stream. */
    @Override
    public void close() {
        stream.close();
    }
}
