package io.strata.kubernetes.scheduler;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.HttpTransport;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's subscription to the master as framework {@value KubernetesScheduler#FRAMEWORK_NAME}: subscribes
 * with the failover id kept in ZooKeeper (retrying with back-off), resubscribes when the stream ends, subscribes as
 * a new framework after an ERROR, and hands every event to {@link Events} on the scheduler's loop.
 *
 * <p>Thread-safe: the client, framework id and subscribed flag are read from any thread.
 */
final class MasterSubscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterSubscription.class);
    private static final double FAILOVER_TIMEOUT_SECONDS = 604_800;

    /** What the scheduler does with the master's events; every method runs on the scheduler's loop. */
    interface Events {
        /** Subscribed (again) as {@code id}, which is stored already. */
        void subscribed(FrameworkId id);

        void offers(List<Offer> offers);

        void rescind(OfferId offer);

        void update(TaskStatus status);

        /** An agent was lost or removed. */
        void agentLost(String agentId);

        /** The stream ended; a new subscription is under way (held offers are void). */
        void streamLost();
    }

    private final Supplier<URI> master;
    private final FrameworkIdStore ids;
    private final Executor loop;
    private final Events events;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SchedulerClient client;
    private volatile FrameworkId frameworkId;
    private volatile boolean subscribed;

    MasterSubscription(Supplier<URI> master, FrameworkIdStore ids, Executor loop, Events events) {
        this.master = master;
        this.ids = ids;
        this.loop = loop;
        this.events = events;
    }

    /** Subscribes in the background. */
    void start() {
        Thread.ofVirtual().name("strata-kubernetes-subscribe").start(this::subscribeWithRetry);
    }

    SchedulerClient client() {
        return client;
    }

    FrameworkId frameworkId() {
        return frameworkId;
    }

    boolean subscribed() {
        return subscribed;
    }

    private void subscribeWithRetry() {
        long backoff = 250;
        while (!closed.get()) {
            try {
                subscribeOnce();
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to the master ({}); retrying in {} ms", e.getMessage(), backoff);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private void subscribeOnce() {
        if (frameworkId == null) {
            ids.get().ifPresent(id -> frameworkId = new FrameworkId(id));
        }
        SchedulerClient next = new SchedulerClient(master.get(), HttpTransport.create());
        FrameworkInfo info = new FrameworkInfo("root", KubernetesScheduler.FRAMEWORK_NAME, frameworkId,
                FAILOVER_TIMEOUT_SECONDS, true, "*", null, null, null, List.of(), null);
        client = next;
        next.subscribe(info, new EventListener() {
            @Override
            public void onEvent(Event event) {
                handle(next, event);
            }

            @Override
            public void onStreamEnded(StrataClientException cause) {
                if (closed.get() || client != next) {
                    return;
                }
                subscribed = false;
                LOG.warn("scheduler stream lost ({}); resubscribing", cause == null ? "ended" : cause.getMessage());
                loop.execute(events::streamLost);
                next.close();
                start();
            }
        });
    }

    private void handle(SchedulerClient source, Event event) {
        if (closed.get()) {
            return;
        }
        switch (event.type()) {
            case SUBSCRIBED -> loop.execute(() -> onSubscribed(event.subscribed().frameworkId()));
            case OFFERS -> loop.execute(() -> events.offers(event.offers().offers()));
            case RESCIND -> loop.execute(() -> events.rescind(event.rescind().offerId()));
            case UPDATE -> loop.execute(() -> events.update(event.update().status()));
            case FAILURE -> {
                if (event.failure().agentId() != null && event.failure().executorId() == null) {
                    loop.execute(() -> events.agentLost(event.failure().agentId().value()));
                }
            }
            case ERROR -> {
                LOG.error("master sent ERROR: {}; subscribing as a new framework",
                        event.error() == null ? "" : event.error().message());
                frameworkId = null;
                source.close();
                start();
            }
            default -> {
                // heartbeats need nothing
            }
        }
    }

    private void onSubscribed(FrameworkId id) {
        frameworkId = id;
        subscribed = true;
        try {
            ids.put(id.value());
        } catch (RuntimeException e) {
            LOG.warn("cannot store the framework id: {}", e.getMessage());
        }
        LOG.info("subscribed as framework {} ({})", id.value(), KubernetesScheduler.FRAMEWORK_NAME);
        events.subscribed(id);
    }

    /** Ends the subscription (the framework stays registered for failover). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            SchedulerClient c = client;
            if (c != null) {
                c.close();
            }
        }
    }
}
