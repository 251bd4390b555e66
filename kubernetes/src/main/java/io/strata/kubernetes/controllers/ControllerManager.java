package io.strata.kubernetes.controllers;

import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.controllers.cronjob.CronJobReconciler;
import io.strata.kubernetes.controllers.deployment.DeploymentReconciler;
import io.strata.kubernetes.controllers.job.JobReconciler;
import io.strata.kubernetes.controllers.replicaset.ReplicaSetReconciler;
import io.strata.kubernetes.controllers.endpoints.EndpointsController;
import io.strata.kubernetes.controllers.nodelifecycle.NodeLifecycleController;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.StoreEvent;
import io.strata.kubernetes.store.Watch;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers: per controller, store watches feed a dispatcher thread that maps events to keys, and one
 * worker thread syncs keys from a de-duplicating {@link WorkQueue} (one key is never synced twice at once). Failed
 * syncs are retried after a back-off; every key is synced again each resync period.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    private static final Duration BACKOFF = Duration.ofMillis(500);
    private final ScheduledExecutorService timer;
    private final List<Watch> watches = new ArrayList<>();
    private final List<WorkQueue<ObjectKey>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final io.strata.kubernetes.store.ObjectStore store;

    private ControllerManager(io.strata.kubernetes.store.ObjectStore store) {
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "k8s-controllers-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the ReplicaSet, Deployment, Job, CronJob, Endpoints and node lifecycle controllers. */
    public static ControllerManager start(ResourceService service, InstantSource clock, ControllerSettings settings) {
        Types types = Types.of(service.catalog());
        ControllerManager m = empty(service);
        m.run(OwnerController.of("replicaset-controller", service, types.replicaSets(), "ReplicaSet", types.pods(),
                clock, new ReplicaSetReconciler(types)::reconcile).adoptingOrphans(), settings);
        m.run(OwnerController.of("deployment-controller", service, types.deployments(), "Deployment",
                types.replicaSets(), clock, new DeploymentReconciler(types)::reconcile), settings);
        m.run(OwnerController.of("job-controller", service, types.jobs(), "Job", types.pods(), clock,
                new JobReconciler(types)::reconcile), settings);
        m.run(OwnerController.of("cronjob-controller", service, types.cronJobs(), "CronJob", types.jobs(), clock,
                new CronJobReconciler(types)::reconcile), settings);
        m.run(new EndpointsController(service, types), settings);
        m.run(new NodeLifecycleController(service, types, clock, settings.podEvictionTimeout()), settings);
        return m;
    }

    /** A manager running no controller yet (tests add single controllers with {@link #run}). */
    public static ControllerManager empty(ResourceService service) {
        return new ControllerManager(service.store());
    }

    /** Starts driving one controller (also for tests that run a single controller). */
    public void run(Controller controller, ControllerSettings settings) {
        WorkQueue<ObjectKey> queue = new WorkQueue<>(timer);
        LinkedBlockingQueue<StoreEvent> events = new LinkedBlockingQueue<>();
        queues.add(queue);
        threads.add(Thread.ofVirtual().name("k8s-" + controller.name() + "-events").start(() -> {
            while (!closed.get()) {
                try {
                    StoreEvent e = events.take();
                    controller.keysFor(e).forEach(queue::add);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("{}: mapping an event failed: {}", controller.name(), e.toString());
                }
            }
        }));
        threads.add(Thread.ofVirtual().name("k8s-" + controller.name()).start(() -> work(controller, queue)));
        timer.scheduleWithFixedDelay(() -> {
            try {
                controller.allKeys().forEach(queue::add);
            } catch (RuntimeException e) {
                LOG.warn("{}: resync failed: {}", controller.name(), e.toString());
            }
        }, settings.resync().toMillis(), settings.resync().toMillis(), TimeUnit.MILLISECONDS);
        for (String resource : controller.watches()) {
            watches.add(serviceStoreWatch(controller, resource, events));
        }
    }

    private Watch serviceStoreWatch(Controller controller, String resource, LinkedBlockingQueue<StoreEvent> events) {
        return store.watch(resource, null, 0, events::add);
    }

    private void work(Controller controller, WorkQueue<ObjectKey> queue) {
        while (!closed.get()) {
            ObjectKey key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                Optional<Duration> again = controller.sync(key);
                again.ifPresent(d -> queue.addAfter(key, d));
            } catch (IllegalStateException e) {
                LOG.debug("{}: sync of {} incomplete, retrying: {}", controller.name(), key, e.getMessage());
                queue.addAfter(key, BACKOFF);
            } catch (RuntimeException e) {
                LOG.warn("{}: sync of {} failed, retrying: {}", controller.name(), key, e.toString());
                queue.addAfter(key, BACKOFF);
            } finally {
                queue.done(key);
            }
        }
    }

    /** Stops the watches, the queues and the threads. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watches.forEach(Watch::close);
            queues.forEach(WorkQueue::close);
            threads.forEach(Thread::interrupt);
            timer.shutdownNow();
        }
    }
}
