package io.strata.kubernetes.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.spdy.SpdyUpgradeConnection;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves {@code .../pods/{name}/exec} over WebSocket ({@code GET}; {@code v5.channel.k8s.io}, {@code v4}, and the
 * older {@code channel.k8s.io} and base64 variants, see {@link ClientProtocol}) and over SPDY/3.1 ({@code POST} with
 * {@code Upgrade: SPDY/3.1}, {@code v4.channel.k8s.io} and older, see {@link SpdyExecSession}). Before the upgrade:
 * the pod must exist (404 Status), the {@code container} parameter (default: the first
 * container) must name one of its containers (400 {@code container X is not valid for pod Y}), the pod must not have
 * completed (400), the container must run ({@link ExecTargets}; 400 while it waits to start) and its agent must accept
 * the exec (its 404/409 become a 400 Status with its message). Then an {@link AgentExecRelay} copies the messages.
 */
public final class PodExecEndpoint implements AutoCloseable {
    /** The route, in Javalin's path syntax. */
    public static final String PATH = "/api/v1/namespaces/{namespace}/pods/{name}/exec";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResourceService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
    private volatile ExecTargets targets = (namespace, pod, container) -> Optional.empty();
    private volatile WebSocketUpgrade route;

    /** An endpoint over the pods of {@code service}; no container is reachable until {@link #targets} is set. */
    public PodExecEndpoint(ResourceService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** Finds containers through {@code targets} (the framework's scheduler). */
    public void targets(ExecTargets targets) {
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    /**
     * Registers the routes on {@code r}; call it before the generic routes: the WebSocket ({@code GET}) and the SPDY
     * upgrade ({@code POST}, kubectl's fallback when the WebSocket was refused).
     */
    public void register(RoutesConfig r) {
        route = WebSocketUpgrade.register(r, PATH, ClientProtocol.NAMES, this::admit);
        r.post(PATH, this::spdy);
    }

    /** Ends every open exec. */
    @Override
    public void close() {
        WebSocketUpgrade r = route;
        if (r != null) {
            r.close();
        }
        http.close();
    }

    private WebSocketUpgrade.Connection admit(Context ctx) {
        ExecTarget target = check(ctx);
        String container = ctx.queryParam("container");
        try {
            return AgentExecRelay.connect(http, target, ctx.queryParamMap());
        } catch (AgentExecRelay.Refused e) {
            throw e.status() == 502 ? ApiError.internal(e.getMessage())
                    : ApiError.badRequest("container " + (container == null ? "" : "\"" + container + "\" ")
                            + "in pod \"" + ctx.pathParam("name") + "\" cannot be entered: " + e.getMessage());
        }
    }

    /**
     * {@code POST} with {@code Upgrade: SPDY/3.1}: the same checks and agent connection as the WebSocket (their Status
     * answered without a 101), then 101 echoing the chosen {@code X-Stream-Protocol-Version} and a
     * {@link SpdyExecSession} on the connection; 400 without the upgrade or a stream protocol we speak.
     */
    private void spdy(Context ctx) {
        try {
            String protocol = SpdyExecSession.choose(SpdyUpgradeConnection.offeredProtocols(ctx));
            if (!SpdyUpgradeConnection.requested(ctx) || protocol == null) {
                throw ApiError.badRequest("exec needs a WebSocket (" + ClientProtocol.NAMES + ") or an upgrade to "
                        + "SPDY/3.1 with X-Stream-Protocol-Version one of " + SpdyExecSession.PROTOCOLS);
            }
            AgentExecRelay relay = (AgentExecRelay) admit(ctx);
            boolean stdin = flag(ctx, "stdin");
            boolean stdout = flag(ctx, "stdout");
            boolean stderr = flag(ctx, "stderr");
            boolean tty = flag(ctx, "tty");
            SpdyUpgradeConnection.upgrade(ctx, protocol, transport -> new SpdyExecSession(relay, protocol, stdin,
                    stdout, stderr, tty, transport));
        } catch (ApiError e) {
            try {
                ctx.status(e.code()).contentType("application/json").result(JSON.writeValueAsBytes(e.status()));
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return "true".equals(value) || "1".equals(value);
    }

    /** The checks done before any upgrade; returns where the container runs. */
    private ExecTarget check(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        ResourceType pods = service.catalog().find("v1", "pods").orElseThrow();
        ObjectNode pod = service.get(pods, namespace, name);
        if (ctx.queryParams("command").isEmpty()) {
            throw ApiError.badRequest("you must specify at least 1 command");
        }
        String container = container(pod, ctx.queryParam("container"));
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw ApiError.badRequest("cannot exec into a container in a completed pod; current phase is " + phase);
        }
        return targets.find(namespace, name, container).orElseThrow(() -> ApiError.badRequest(
                "container \"" + container + "\" in pod \"" + name + "\" is waiting to start: ContainerCreating"));
    }

    /** The container to enter: the named one (which must exist in the pod) or the first. */
    static String container(JsonNode pod, String requested) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        String podName = pod.path("metadata").path("name").asText();
        if (requested == null || requested.isEmpty()) {
            if (names.isEmpty()) {
                throw ApiError.badRequest("pod " + podName + " has no containers");
            }
            return names.get(0);
        }
        if (!names.contains(requested)) {
            throw ApiError.badRequest("container " + requested + " is not valid for pod " + podName);
        }
        return requested;
    }
}
