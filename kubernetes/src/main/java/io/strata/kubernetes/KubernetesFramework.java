package io.strata.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.ApiRoutes;
import io.strata.kubernetes.apiserver.ClusterIpAllocator;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.gc.GarbageCollector;
import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.scheduler.FrameworkIdStore;
import io.strata.kubernetes.scheduler.KubernetesScheduler;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.ZkObjectStore;
import io.strata.server.HttpServer;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;

/**
 * The running Kubernetes framework: the object store over ZooKeeper, the API server on HTTP and the garbage
 * collector. Start it with {@link #start(KubernetesConfig)}; close it to stop everything.
 */
public final class KubernetesFramework implements AutoCloseable {

    private final CuratorFramework zk;
    private final ZkObjectStore store;
    private final ResourceService service;
    private final ApiRoutes routes;
    private final HttpServer http;
    private final GarbageCollector gc;
    private volatile io.strata.kubernetes.controllers.ControllerManager controllers;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KubernetesScheduler scheduler;
    private final io.strata.kubernetes.pods.PodLogs logs = new io.strata.kubernetes.pods.PodLogs();
    private volatile io.strata.kubernetes.proxy.ServiceProxy proxy;

    private KubernetesFramework(CuratorFramework zk, ZkObjectStore store, ResourceService service, ApiRoutes routes,
            HttpServer http, GarbageCollector gc, String url) {
        this.zk = zk;
        this.store = store;
        this.service = service;
        this.routes = routes;
        this.http = http;
        this.gc = gc;
        this.url = url;
    }

    /**
     * Connects to ZooKeeper, loads the objects, creates the {@code default}, {@code kube-system},
     * {@code kube-public} and {@code kube-node-lease} namespaces when absent, and starts serving.
     *
     * @throws IllegalStateException when the port cannot be bound
     * @throws io.strata.store.StoreException when ZooKeeper cannot be reached
     */
    public static KubernetesFramework start(KubernetesConfig config) {
        return start(config, InstantSource.system(), io.strata.kubernetes.controllers.ControllerSettings.DEFAULTS);
    }

    /**
     * Starts as {@link #start(KubernetesConfig)} with the controllers (ReplicaSet, Deployment, Job, CronJob,
     * Endpoints, node lifecycle) reading time from {@code controllerClock} and tuned by {@code controllerSettings}.
     */
    public static KubernetesFramework start(KubernetesConfig config, InstantSource controllerClock,
            io.strata.kubernetes.controllers.ControllerSettings controllerSettings) {
        ZkAddress address = ZkAddress.parse(config.zk());
        CuratorFramework zk = Curators.connect(address, Curators.DEFAULT_SESSION_TIMEOUT);
        try {
            ZkObjectStore store = ZkObjectStore.open(zk, address.path() + "/kubernetes", config.watchWindow());
            ResourceService service = new ResourceService(store, ResourceCatalog.standard(), InstantSource.system(),
                    UUID::randomUUID, new SecureRandom(), new ClusterIpAllocator(config.serviceCidr()));
            bootstrap(service);
            String[] advertised = new String[1];
            KubernetesFramework[] holder = new KubernetesFramework[1];
            ApiRoutes[] routes = new ApiRoutes[1];
            HttpServer http = HttpServer.start(config.host(), config.port(), r -> {
                r.get("/api/v1/namespaces/{namespace}/pods/{name}/log", ctx -> holder[0].serveLog(ctx));
                routes[0] = new ApiRoutes(service, config.host() + ":" + config.port());
                routes[0].register(r);
            });
            advertised[0] = "http://" + config.host() + ":" + http.port();
            publishApiService(service, config.host(), http.port());
            GarbageCollector gc = new GarbageCollector(service, 10_000);
            KubernetesFramework framework = new KubernetesFramework(zk, store, service, routes[0], http, gc,
                    advertised[0]);
            framework.controllers = io.strata.kubernetes.controllers.ControllerManager.start(service, controllerClock,
                    controllerSettings);
            holder[0] = framework;
            if (!config.master().isEmpty()) {
                // http://host:port, host:port or zk://...: resolved again (to the current leader) on each subscription
                io.strata.client.MasterLocator locator = io.strata.client.MasterLocator.standard();
                framework.scheduler = new KubernetesScheduler(() -> locator.resolve(config.master()), service,
                        new FrameworkIdStore(zk, address.path() + "/kubernetes/framework-id"),
                        InstantSource.system());
                framework.scheduler.start();
                // exec and port-forward enter a container of the pod's current attempt through its agent
                io.strata.kubernetes.exec.ExecTargets targets = (ns, pod, container) -> framework.scheduler
                        .logSource(ns, pod, container, false)
                        .map(s -> new io.strata.kubernetes.exec.ExecTarget(s.agent(), s.taskId()));
                routes[0].exec().targets(targets);
                routes[0].portForward().targets(targets);
            }
            return framework;
        } catch (RuntimeException e) {
            zk.close();
            throw e;
        }
    }

    private static void bootstrap(ResourceService service) {
        ResourceType namespaces = service.catalog().find("v1", "namespaces").orElseThrow();
        for (String name : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            ObjectNode ns = JsonNodeFactory.instance.objectNode();
            ns.put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            try {
                service.create(namespaces, "", ns, RequestOptions.of("kube-apiserver"));
            } catch (ApiError e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates or refreshes the {@code default/kubernetes} Service (port 443, the first cluster IP) and its Endpoints
     * pointing at this API server, as upstream's apiserver does for in-cluster clients.
     */
    private static void publishApiService(ResourceService service, String host, int port) {
        ResourceType services = service.catalog().find("v1", "services").orElseThrow();
        ResourceType endpoints = service.catalog().find("v1", "endpoints").orElseThrow();
        ObjectNode svc = JsonNodeFactory.instance.objectNode();
        ObjectNode meta = svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default");
        meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP")
                .put("targetPort", port);
        try {
            service.create(services, "default", svc, RequestOptions.of("kube-apiserver"));
        } catch (ApiError e) {
            if (e.code() != 409) {
                throw e;
            }
        }
        ResourceType slices = service.catalog().find("discovery.k8s.io/v1", "endpointslices").orElseThrow();
        ObjectNode slice = JsonNodeFactory.instance.objectNode();
        slice.putObject("metadata").put("name", "kubernetes").put("namespace", "default").putObject("labels")
                .put("kubernetes.io/service-name", "kubernetes");
        slice.put("addressType", "IPv4");
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(host);
        endpoint.putObject("conditions").put("ready", true);
        slice.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        upsert(service, slices, slice, o -> {
            o.set("endpoints", slice.get("endpoints"));
            o.set("ports", slice.get("ports"));
        });
        ObjectNode ep = JsonNodeFactory.instance.objectNode();
        ep.putObject("metadata").put("name", "kubernetes").put("namespace", "default").putObject("labels")
                .put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = ep.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", host);
        subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        upsert(service, endpoints, ep, o -> o.set("subsets", ep.get("subsets")));
    }

    private static void upsert(ResourceService service, ResourceType type, ObjectNode object,
            java.util.function.Consumer<ObjectNode> refresh) {
        try {
            service.create(type, "default", object, RequestOptions.of("kube-apiserver"));
        } catch (ApiError e) {
            if (e.code() != 409) {
                throw e;
            }
            service.modify(type, "default", object.path("metadata").path("name").asText(), o -> {
                refresh.accept(o);
                return o;
            });
        }
    }

    /** The API server's base URL ({@code http://127.0.0.1:6443}). */
    public String url() {
        return url;
    }

    /** The bound HTTP port. */
    public int port() {
        return http.port();
    }

    /** The object store, for controllers and the scheduler that run in this process. */
    public ZkObjectStore store() {
        return store;
    }

    /** {@code GET pods/{name}/log}: the container's stdout from its agent's sandbox (container, follow, previous). */
    private void serveLog(io.javalin.http.Context ctx) throws java.io.IOException {
        String ns = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        ResourceType pods = service.catalog().find("v1", "pods").orElseThrow();
        java.util.Optional<io.strata.kubernetes.pods.PodLogs.Source> source;
        try {
            service.get(pods, ns, name);
            source = scheduler == null ? java.util.Optional.empty() : scheduler.logSource(ns, name,
                    ctx.queryParam("container"), "true".equals(ctx.queryParam("previous")));
        } catch (ApiError e) {
            ctx.status(e.code()).contentType("application/json").result(e.status().toString());
            return;
        }
        if (source.isEmpty()) {
            ctx.status(400).contentType("application/json").result(ApiError.badRequest("container in pod \""
                    + name + "\" is waiting to start: ContainerCreating").status().toString());
            return;
        }
        ctx.contentType("text/plain");
        boolean follow = "true".equals(ctx.queryParam("follow"));
        io.strata.kubernetes.pods.PodLogs.Source s = source.get();
        try {
            logs.copy(s, follow, () -> scheduler.taskAlive(ns, name, s.taskId()), ctx.res().getOutputStream());
        } catch (io.strata.kubernetes.pods.PodLogs.NotAvailable | io.strata.client.StrataClientException e) {
            if (!ctx.res().isCommitted()) {
                ctx.status(400).contentType("application/json").result(ApiError.badRequest(e.getMessage()).status()
                        .toString());
            }
        }
    }

    /**
     * Runs the service proxy in this process (a single machine: the ClusterIPs are loopback addresses), NodePorts on
     * {@code nodeAddress}; it follows this API server over HTTP as a per-agent proxy would, and stops with it.
     */
    public synchronized io.strata.kubernetes.proxy.ServiceProxy startServiceProxy(String nodeAddress) {
        if (proxy == null && !closed.get()) {
            proxy = io.strata.kubernetes.proxy.ServiceProxy.start(url, nodeAddress);
        }
        return proxy;
    }

    /** The pod scheduler and runtime (the Mesos framework), when a master was configured. */
    public java.util.Optional<KubernetesScheduler> scheduler() {
        return java.util.Optional.ofNullable(scheduler);
    }

    /** The API verbs with upstream semantics, the internal client for controllers. */
    public ResourceService resources() {
        return service;
    }

    /** Stops serving, ends watches, and closes the ZooKeeper client. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (proxy != null) {
                proxy.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            if (controllers != null) {
                controllers.close();
            }
            gc.close();
            routes.watches().close();
            routes.exec().close();
            routes.portForward().close();
            http.close();
            store.close();
            zk.close();
        }
    }
}
