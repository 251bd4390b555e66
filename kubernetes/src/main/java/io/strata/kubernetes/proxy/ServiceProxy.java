package io.strata.kubernetes.proxy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service proxy of one node: follows Services and Endpoints of all namespaces through the API server at
 * {@code apiUrl}, keeps one {@link PortListener} per frontend of {@link ProxyRules} (ClusterIP:port, and
 * nodeAddress:nodePort), opening, re-pointing and closing them as the objects change. A frontend that cannot be
 * bound (address not local, port in use) is logged and tried again on the next change. Lifecycle: {@link #start}
 * then {@link #close}.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String nodeAddress;
    private final ObjectWatch services;
    private final ObjectWatch endpoints;
    private final Map<Frontend, PortListener> listeners = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServiceProxy(String apiUrl, String nodeAddress) {
        this.nodeAddress = nodeAddress == null ? "" : nodeAddress;
        this.services = new ObjectWatch(http, apiUrl, "/api/v1/services", this::sync);
        this.endpoints = new ObjectWatch(http, apiUrl, "/api/v1/endpoints", this::sync);
    }

    /**
     * Starts following the API server at {@code apiUrl}; NodePort frontends listen on {@code nodeAddress} (empty: no
     * NodePort frontends).
     */
    public static ServiceProxy start(String apiUrl, String nodeAddress) {
        ServiceProxy proxy = new ServiceProxy(apiUrl, nodeAddress);
        proxy.services.start();
        proxy.endpoints.start();
        return proxy;
    }

    /** The frontends listened on now, with their backends. */
    public synchronized Map<Frontend, List<Backend>> frontends() {
        Map<Frontend, List<Backend>> out = new HashMap<>();
        listeners.forEach((f, l) -> out.put(f, l.backends()));
        return out;
    }

    /** Recomputes the table and brings the listeners in line with it (called on the watches' threads). */
    private synchronized void sync() {
        if (closed.get() || !services.synced() || !endpoints.synced()) {
            return;
        }
        Map<Frontend, List<Backend>> table = ProxyRules.compute(services.objects().values(), endpoints.objects(),
                nodeAddress);
        listeners.entrySet().removeIf(e -> {
            if (table.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
        table.forEach((frontend, backends) -> {
            PortListener l = listeners.get(frontend);
            if (l != null) {
                l.backends(backends);
                return;
            }
            try {
                listeners.put(frontend, PortListener.start(frontend, backends));
            } catch (IOException e) {
                LOG.warn("service proxy cannot listen on {} for {}: {}", frontend.endpoint(), frontend.service(),
                        e.getMessage());
            }
        });
    }

    /** Stops the watches and closes every listener. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            services.close();
            endpoints.close();
            http.shutdownNow();
            synchronized (this) {
                listeners.values().forEach(PortListener::close);
                listeners.clear();
            }
        }
    }
}
