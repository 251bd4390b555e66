package io.strata.testing.hollow;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Many {@link HollowAgent}s registered with one master, sharing one HTTP client and one timer.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (HollowCluster cluster = HollowCluster.builder(URI.create(master.url()))
 *         .agents(1_000, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i)).withResources("cpus:2;mem:1024"))
 *         .finishAfter(Duration.ofSeconds(30))
 *         .start()) {
 *     cluster.awaitSubscribed(Duration.ofMinutes(1));
 *     ...
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link Builder#start} subscribes every agent in the background (at most
 * {@code maxConcurrentCalls} handshakes at a time); {@link #close} closes every stream and the shared client's
 * timer. The master must be given directly (its leader URL): hollow agents do not follow redirects.
 */
public final class HollowCluster implements AutoCloseable {
    private final List<HollowAgent> agents;
    private final MasterLink link;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HollowCluster(List<HollowAgent> agents, MasterLink link) {
        this.agents = List.copyOf(agents);
        this.link = link;
    }

    /** A builder for a cluster talking to the leading master at {@code master} (e.g. http://127.0.0.1:5050). */
    public static Builder builder(URI master) {
        return new Builder(master);
    }

    /** Configures and starts a {@link HollowCluster}; not thread-safe, use once. */
    public static final class Builder {
        private final URI master;
        private int count = 1;
        private IntFunction<HollowAgentSpec> specs = i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i));
        private Duration finishAfter;
        private Duration heartbeatInterval;
        private int maxConcurrentCalls = 64;
        private boolean batchUpdates = true;
        private HttpClient http;

        private Builder(URI master) {
            this.master = Objects.requireNonNull(master, "master");
        }

        /** {@code count} agents, the i-th (0-based) described by {@code spec.apply(i)}. Default: one default agent. */
        public Builder agents(int count, IntFunction<HollowAgentSpec> spec) {
            if (count < 0) {
                throw new IllegalArgumentException("agent count must be >= 0: " + count);
            }
            this.count = count;
            this.specs = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** Tasks report TASK_FINISHED this long after TASK_RUNNING. Default: they run until killed. */
        public Builder finishAfter(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("finishAfter must be >= 0: " + delay);
            }
            this.finishAfter = delay;
            return this;
        }

        /**
         * Heartbeat period; default: the interval the master sends in SUBSCRIBED. A longer period keeps
         * 10,000 agents from flooding a small machine, but must stay below the master's unreachable timeout.
         */
        public Builder heartbeatInterval(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("heartbeatInterval must be > 0: " + period);
            }
            this.heartbeatInterval = period;
            return this;
        }

        /** Most UPDATE/HEARTBEAT/SUBSCRIBE calls in flight at once, i.e. extra connections (default 64). */
        public Builder maxConcurrentCalls(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls must be >= 1: " + max);
            }
            this.maxConcurrentCalls = max;
            return this;
        }

        /**
         * Whether agents send the updates that are ready together as one batch call (default true); false sends one
         * Mesos-style UPDATE call per update.
         */
        public Builder batchUpdates(boolean batch) {
            this.batchUpdates = batch;
            return this;
        }

        /** The HTTP client to share (HTTP/1.1, no redirects); default: a new one. */
        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Creates every agent and starts their subscriptions; returns without waiting for them. */
        public HollowCluster start() {
            List<HollowAgentSpec> all = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                all.add(specs.apply(i));
            }
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hollow-cluster-timer");
                t.setDaemon(true);
                return t;
            });
            MasterLink link = new MasterLink(master, http != null ? http : MasterLink.newHttpClient(),
                    maxConcurrentCalls, timer);
            link.batchUpdates = batchUpdates;
            List<HollowAgent> agents = new ArrayList<>(count);
            for (HollowAgentSpec spec : all) {
                agents.add(new HollowAgent(spec, link, finishAfter, heartbeatInterval));
            }
            agents.forEach(HollowAgent::start);
            return new HollowCluster(agents, link);
        }
    }

    /** Switches update batching of every agent at run time (see {@link Builder#batchUpdates}). */
    public void batchUpdates(boolean batch) {
        link.batchUpdates = batch;
    }

    /** The agents, in the order of their index. */
    public List<HollowAgent> agents() {
        return agents;
    }

    /**
     * Waits until every agent received SUBSCRIBED.
     *
     * @return whether all did within the timeout
     */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (HollowAgent a : agents) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !a.awaitSubscribed(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    /** RUN_TASK events received by all agents. */
    public long launched() {
        return agents.stream().mapToLong(HollowAgent::launched).sum();
    }

    /** Tasks running on all agents now. */
    public long runningTasks() {
        return agents.stream().mapToLong(HollowAgent::runningTasks).sum();
    }

    /** Acknowledgements received by all agents. */
    public long acknowledged() {
        return agents.stream().mapToLong(HollowAgent::acknowledged).sum();
    }

    /** Updates sent and not yet acknowledged, over all agents. */
    public long unacknowledged() {
        return agents.stream().mapToLong(HollowAgent::unacknowledged).sum();
    }

    /**
     * Update calls in flight plus updates queued for a batch, over all agents: zero once everything the agents
     * had to report reached the master (e.g. the TASK_KILLED of a torn-down framework before the next run).
     */
    public long pendingUpdates() {
        return link.updatesInFlight.sum() + agents.stream().mapToLong(HollowAgent::queuedUpdates).sum();
    }

    /** Calls that failed (I/O error or a status other than 202) and broken subscriptions, over all agents. */
    public long failedCalls() {
        return link.failedCalls.sum();
    }

    /** Closes every agent's stream and stops the timer. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            agents.forEach(HollowAgent::close);
            link.timer.shutdownNow();
        }
    }
}
