package io.strata.services.engine;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.HttpTransport;
import io.strata.client.CallBatcher;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.services.metrics.FrameworkMetrics;
import io.strata.services.store.ServicesStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework's Mesos connection: subscribes with the stored framework id (failover), stores the id the
 * master assigns, re-subscribes with backoff whenever the stream ends, and posts calls from virtual threads so
 * that the caller never waits on HTTP (at most {@value #MAX_CALLS_IN_FLIGHT} at once).
 */
final class MesosDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MesosDriver.class);
    private static final int MAX_CALLS_IN_FLIGHT = 256;
    private static final int MAX_ACKS_IN_FLIGHT = 32;
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);

    /** Receives the connection's events on the stream's reader thread. */
    interface Handler {
        /** Subscribed (again) with this framework id. */
        void subscribed(FrameworkId id);

        /** Offers arrived. */
        void offers(List<Offer> offers);

        /** An offer was rescinded. */
        void rescinded(OfferId id);

        /** A task status arrived. */
        void update(TaskStatus status);

        /** The subscription ended; a new one is being set up. */
        void disconnected(String why);
    }

    private final Supplier<URI> master;
    private final FrameworkInfo info;
    private final ServicesStore store;
    private final Handler handler;
    private final FrameworkMetrics metrics;
    private final HttpTransport transport = HttpTransport.create();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_CALLS_IN_FLIGHT);
    /**
     * Acknowledgements get a smaller share, so that a burst of them (one per status update) never delays the
     * ACCEPTs that launch the rest of a deployment behind them in the master.
     */
    private final Semaphore acksInFlight = new Semaphore(MAX_ACKS_IN_FLIGHT);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SchedulerClient client;
    /**
     * Acknowledgements of the current subscription, coalesced into batch requests (one request per burst of updates
     * instead of one each; single calls against a master without the batch extension).
     */
    private volatile CallBatcher acks;
    private volatile FrameworkId frameworkId;
    private volatile Thread connector;

    MesosDriver(Supplier<URI> master, FrameworkInfo info, ServicesStore store, Handler handler,
            FrameworkMetrics metrics) {
        this.metrics = metrics;
        this.master = master;
        this.info = info;
        this.store = store;
        this.handler = handler;
    }

    /** Starts connecting in the background. */
    void start() {
        connector = Thread.ofVirtual().name("services-mesos-connect").start(this::connectLoop);
    }

    /** The framework id once subscribed. */
    FrameworkId frameworkId() {
        return frameworkId;
    }

    /** Whether a subscription is up. */
    boolean connected() {
        return client != null && frameworkId != null;
    }

    private void connectLoop() {
        long delayMillis = 200;
        while (!closed.get()) {
            try {
                connectOnce();
                return;
            } catch (StrataClientException | IllegalStateException e) {
                if (e instanceof StrataClientException s && s.status() == 400 && store.frameworkId().isPresent()) {
                    LOG.warn("master refused framework id {}: registering anew ({})", store.frameworkId().get(),
                            e.getMessage());
                    store.clearFrameworkId();
                }
                LOG.info("cannot subscribe to the master yet: {}", e.getMessage());
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            delayMillis = Math.min(MAX_RECONNECT_DELAY.toMillis(), delayMillis * 2);
        }
    }

    private void connectOnce() {
        FrameworkId stored = store.frameworkId().map(FrameworkId::new).orElse(null);
        SchedulerClient next = new SchedulerClient(master.get(), transport);
        next.subscribe(info.withId(stored), new EventListener() {
            @Override
            public void onEvent(Event event) {
                handle(next, event);
            }

            @Override
            public void onStreamEnded(StrataClientException cause) {
                reconnect(next, cause == null ? "stream ended" : cause.getMessage());
            }
        });
        acks = new CallBatcher(next, e -> LOG.debug("acknowledgements failed: {}", e.getMessage()));
        client = next;
    }

    private void handle(SchedulerClient source, Event event) {
        switch (event.type()) {
            case SUBSCRIBED -> {
                frameworkId = event.subscribed().frameworkId();
                store.saveFrameworkId(frameworkId.value());
                handler.subscribed(frameworkId);
            }
            case OFFERS -> handler.offers(event.offers().offers());
            case RESCIND -> handler.rescinded(event.rescind().offerId());
            case UPDATE -> handler.update(event.update().status());
            case ERROR -> reconnect(source, "master error: " + event.error().message());
            default -> {
                // heartbeats, failures and messages need nothing: updates carry the task consequences
            }
        }
    }

    private void reconnect(SchedulerClient broken, String why) {
        if (closed.get() || broken != client) {
            return;
        }
        LOG.warn("scheduler subscription ended ({}); re-subscribing", why);
        client = null;
        frameworkId = null;
        closeAcks();
        broken.close();
        handler.disconnected(why);
        connector = Thread.ofVirtual().name("services-mesos-connect").start(this::connectLoop);
    }

    /** Posts a call in the background; failures are logged (the periodic reconciliation repairs them). */
    void call(java.util.function.Function<FrameworkId, Call> call) {
        SchedulerClient current = client;
        FrameworkId id = frameworkId;
        if (current == null || id == null || closed.get()) {
            return;
        }
        Call c = call.apply(id);
        CallBatcher batcher = acks;
        if (c.type() == Call.Type.ACKNOWLEDGE && batcher != null) {
            // unacknowledged updates are resent by the master, so an acknowledgement lost with a batch is repaired
            batcher.submit(c);
            return;
        }
        calls.execute(() -> {
            Semaphore limit = c.type() == Call.Type.ACKNOWLEDGE ? acksInFlight : inFlight;
            try {
                limit.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                long t0 = System.nanoTime();
                current.call(c);
                metrics.timer(FrameworkMetrics.CALL_PREFIX + c.type()).since(t0);
            } catch (StrataClientException | IllegalStateException e) {
                LOG.debug("scheduler call failed: {}", e.getMessage());
            } finally {
                limit.release();
            }
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Thread thread = connector;
            if (thread != null) {
                thread.interrupt();
            }
            closeAcks();
            SchedulerClient current = client;
            if (current != null) {
                current.close();
            }
            calls.shutdownNow();
        }
    }

    private void closeAcks() {
        CallBatcher batcher = acks;
        acks = null;
        if (batcher != null) {
            batcher.close();
        }
    }
}
