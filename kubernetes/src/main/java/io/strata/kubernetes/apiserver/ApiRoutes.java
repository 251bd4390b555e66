package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Descriptors.Descriptor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.kubernetes.proto.ProtoSchema;
import io.strata.kubernetes.proto.ProtobufBodies;
import io.strata.kubernetes.proto.StrictChecker;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.selector.FieldSelector;
import io.strata.kubernetes.selector.LabelSelector;
import io.strata.kubernetes.selector.SelectorException;
import io.strata.kubernetes.store.ListPage;
import io.strata.kubernetes.store.PooledJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the API server's HTTP routes and turns requests into {@link ResourceService} calls: content
 * negotiation (JSON, YAML, protobuf bodies; Table responses), field validation, selectors, list paging, watches
 * and Status errors.
 */
public final class ApiRoutes {

    /** Request bodies above 3 MiB are refused with 413, as upstream does. */
    public static final long MAX_BODY_BYTES = 3L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    private static final ObjectMapper JSON = PooledJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String TABLE_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";
    private static final String PATCH_TYPES = "application/json-patch+json, application/merge-patch+json, "
            + "application/apply-patch+yaml, application/strategic-merge-patch+json";

    private final ResourceService service;
    private final DiscoveryDocuments discovery;
    private final OpenApiDocuments openApi;
    private final WatchStreamer watches;
    private final Subresources subresources;
    // an unknown pod is answered 404 before the upgrade, as upstream
    private final io.strata.kubernetes.portforward.PortForwardEndpoint portForward =
            new io.strata.kubernetes.portforward.PortForwardEndpoint(this::requirePod);

    private final io.strata.kubernetes.exec.PodExecEndpoint exec;

    /** Routes over {@code service}, advertising {@code serverAddress} in legacy discovery. */
    public ApiRoutes(ResourceService service, String serverAddress) {
        this.service = service;
        this.discovery = new DiscoveryDocuments(service.catalog(), serverAddress);
        this.openApi = new OpenApiDocuments(service.catalog());
        this.watches = new WatchStreamer(service);
        this.subresources = new Subresources(service);
        this.exec = new io.strata.kubernetes.exec.PodExecEndpoint(service);
    }

    /** The watch streamer, closed with the server to end open streams. */
    public WatchStreamer watches() {
        return watches;
    }

    /** {@code pods/portforward} (WebSocket); the framework tells it where pods run. */
    public io.strata.kubernetes.portforward.PortForwardEndpoint portForward() {
        return portForward;
    }

    /** {@code pods/exec} (WebSocket); the framework tells it where containers run. */
    public io.strata.kubernetes.exec.PodExecEndpoint exec() {
        return exec;
    }

    private void requirePod(String namespace, String name) {
        service.get(service.catalog().find("v1", "pods").orElseThrow(), namespace, name);
    }

    /** Adds every route to {@code r}. */
    public void register(RoutesConfig r) {
        // before the generic watch WebSocket route, which would otherwise match the path
        portForward.register(r);
        exec.register(r);
        r.get("/version", ctx -> guard(ctx, () -> json(ctx, 200, discovery.version())));
        for (String probe : List.of("/healthz", "/livez", "/readyz")) {
            r.get(probe, ctx -> ctx.contentType("text/plain; charset=utf-8").result("ok"));
        }
        r.get("/api", ctx -> guard(ctx, () -> discoveryRoot(ctx, true)));
        r.get("/apis", ctx -> guard(ctx, () -> discoveryRoot(ctx, false)));
        r.get("/api/v1", ctx -> guard(ctx, () -> json(ctx, 200, discovery.resourceList("v1"))));
        r.get("/apis/{group}", ctx -> guard(ctx, () -> {
            if (!service.catalog().groups().contains(ctx.pathParam("group"))) {
                throw ApiError.noRoute();
            }
            json(ctx, 200, discovery.group(ctx.pathParam("group")));
        }));
        r.get("/apis/{group}/{version}", ctx -> guard(ctx, () -> {
            String gv = ctx.pathParam("group") + "/" + ctx.pathParam("version");
            if (service.catalog().inGroupVersion(gv).isEmpty()) {
                throw ApiError.noRoute();
            }
            json(ctx, 200, discovery.resourceList(gv));
        }));
        r.get("/openapi/v3", ctx -> guard(ctx, () -> json(ctx, 200, openApi.index())));
        r.get("/openapi/v3/<path>", ctx -> guard(ctx, () -> {
            ObjectNode doc = openApi.document("/" + ctx.pathParam("path"));
            if (doc == null) {
                throw ApiError.noRoute();
            }
            json(ctx, 200, doc);
        }));
        r.get("/openapi/v2", ctx -> guard(ctx, () -> {
            throw ApiError.noRoute();
        }));
        for (String prefix : List.of("/api/{version}/<path>", "/apis/{group}/{version}/<path>")) {
            r.get(prefix, ctx -> guard(ctx, () -> resource(ctx, "GET")));
            r.post(prefix, ctx -> guard(ctx, () -> resource(ctx, "POST")));
            r.put(prefix, ctx -> guard(ctx, () -> resource(ctx, "PUT")));
            r.patch(prefix, ctx -> guard(ctx, () -> resource(ctx, "PATCH")));
            r.delete(prefix, ctx -> guard(ctx, () -> resource(ctx, "DELETE")));
            r.ws(prefix, ws -> watches.webSocket(ws, this::watchTarget));
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    private void guard(Context ctx, Action action) {
        try {
            action.run();
        } catch (ApiError e) {
            error(ctx, e);
        } catch (SelectorException e) {
            error(ctx, ApiError.badRequest(e.getMessage()));
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("internal error serving {} {}", ctx.method(), ctx.path(), e);
            error(ctx, ApiError.internal(e.toString()));
        }
    }

    private static void error(Context ctx, ApiError e) {
        json(ctx, e.code(), e.status());
    }

    static void json(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discoveryRoot(Context ctx, boolean core) {
        if (DiscoveryDocuments.wantsAggregated(ctx.header("Accept"))) {
            try {
                byte[] body = JSON.writeValueAsBytes(discovery.aggregated(core));
                ctx.status(200);
                // set on the raw response: Jetty would append a charset to the exact type kubectl matches on
                ctx.res().setHeader("Content-Type", DiscoveryDocuments.AGGREGATED_CONTENT_TYPE);
                ctx.res().getOutputStream().write(body);
            } catch (IOException e) {
                LOG.debug("client went away: {}", e.toString());
            }
        } else {
            json(ctx, 200, core ? discovery.apiVersions() : discovery.groupList());
        }
    }

    RequestTarget watchTarget(String path) {
        return target(path);
    }

    private RequestTarget target(String path) {
        List<String> segments = new ArrayList<>(Arrays.asList(path.replaceAll("^/+", "").split("/")));
        String apiVersion;
        if (segments.get(0).equals("api")) {
            apiVersion = segments.get(1);
            segments = segments.subList(2, segments.size());
        } else {
            apiVersion = segments.get(1) + "/" + segments.get(2);
            segments = segments.subList(3, segments.size());
        }
        return RequestTarget.parse(service.catalog(), apiVersion, segments);
    }

    private void resource(Context ctx, String method) throws IOException {
        RequestTarget t = target(ctx.path());
        boolean item = t.name() != null;
        if ((t.subresource().equals("binding") || t.subresource().equals("eviction")) && !method.equals("POST")) {
            throw ApiError.methodNotAllowed(method);
        }
        switch (method) {
            case "GET" -> {
                if (item) {
                    get(ctx, t);
                } else if ("true".equals(ctx.queryParam("watch")) || "1".equals(ctx.queryParam("watch"))) {
                    watches.stream(ctx, t);
                } else {
                    list(ctx, t);
                }
            }
            case "POST" -> {
                if (item && (t.subresource().equals("binding") || t.subresource().equals("eviction"))) {
                    podAction(ctx, t);
                    return;
                }
                if (item) {
                    throw ApiError.methodNotAllowed(method);
                }
                requireNamespace(t);
                ObjectNode body = body(ctx, t.type(), t.type().apiVersion(), t.type().kind());
                ObjectNode created = service.create(t.type(), t.namespace(), body, options(ctx));
                json(ctx, 201, created);
            }
            case "PUT" -> {
                requireItem(t, method);
                if (t.subresource().equals("scale")) {
                    ObjectNode scale = body(ctx, t.type(), "autoscaling/v1", "Scale");
                    json(ctx, 200, subresources.writeScale(t.type(), t.namespace(), t.name(), scale, options(ctx)));
                    return;
                }
                ObjectNode body = body(ctx, t.type(), t.type().apiVersion(), t.type().kind());
                json(ctx, 200, service.update(t.type(), t.namespace(), t.name(), t.subresource(), body, options(ctx)));
            }
            case "PATCH" -> {
                requireItem(t, method);
                patch(ctx, t);
            }
            case "DELETE" -> {
                if (!item) {
                    deleteCollection(ctx, t);
                } else {
                    delete(ctx, t);
                }
            }
            default -> throw ApiError.methodNotAllowed(method);
        }
    }

    /** {@code pods/binding} sets the node of an unbound pod; {@code pods/eviction} deletes it gracefully. */
    private void podAction(Context ctx, RequestTarget t) {
        ObjectNode body;
        try {
            JsonNode n = JSON.readTree(bodyBytes(ctx));
            body = n instanceof ObjectNode o ? o : F.objectNode();
        } catch (IOException e) {
            throw ApiError.badRequest("the object provided is unrecognized: " + firstLine(e.getMessage()));
        }
        if (t.subresource().equals("binding")) {
            subresources.bind(t.namespace(), t.name(), body.path("target").path("name").asText(""), options(ctx));
        } else {
            long grace = body.path("deleteOptions").path("gracePeriodSeconds").asLong(-1);
            service.delete(t.type(), t.namespace(), t.name(), "Background", 0, options(ctx).dryRun(), grace);
        }
        ObjectNode status = F.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.put("code", 201);
        json(ctx, 201, status);
    }

    private static void requireItem(RequestTarget t, String method) {
        if (t.name() == null) {
            throw ApiError.methodNotAllowed(method);
        }
    }

    private static void requireNamespace(RequestTarget t) {
        if (t.type().namespaced() && t.namespace() == null) {
            throw ApiError.methodNotAllowed("POST");
        }
    }

    private static RequestOptions options(Context ctx) {
        List<String> dryRun = ctx.queryParams("dryRun");
        return new RequestOptions(dryRun.contains("All"), ctx.queryParam("fieldManager"),
                "true".equals(ctx.queryParam("force")));
    }

    private void get(Context ctx, RequestTarget t) {
        if (t.subresource().equals("scale")) {
            json(ctx, 200, subresources.scale(t.type(), t.namespace(), t.name()));
            return;
        }
        // only serialized here: the store's own object, not a copy
        ObjectNode o = service.read(t.type(), t.namespace(), t.name());
        if (wantsTable(ctx)) {
            json(ctx, 200, TablePrinter.table(t.type(), List.of(o), o.path("metadata").path("resourceVersion").asText(),
                    "", service.instant(), true));
            ctx.contentType(TABLE_TYPE);
        } else {
            json(ctx, 200, o);
        }
    }

    static boolean wantsTable(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("as=Table");
    }

    /** The filter of a list or watch request's label and field selectors. */
    static Predicate<JsonNode> filter(Context ctx) {
        LabelSelector labels = LabelSelector.parse(ctx.queryParam("labelSelector"));
        FieldSelector fields = FieldSelector.parse(ctx.queryParam("fieldSelector"));
        return o -> labels.matches(o) && fields.matches(o);
    }

    private void list(Context ctx, RequestTarget t) {
        Predicate<JsonNode> filter = filter(ctx);
        int limit = parseInt(ctx.queryParam("limit"), 0);
        String token = Optional.ofNullable(ctx.queryParam("continue")).orElse("");
        ListPage page;
        try {
            // the items are only serialized: the store's own objects, not copies
            page = service.store().listShared(t.type().storeKey(), t.namespace(), filter::test, limit, token);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("continue key is not valid: " + e.getMessage());
        }
        String rv = Long.toString(page.revision());
        if (wantsTable(ctx)) {
            json(ctx, 200, TablePrinter.table(t.type(), page.items(), rv, page.continueToken(), service.instant(), true));
            ctx.contentType(TABLE_TYPE);
            return;
        }
        ObjectNode list = F.objectNode();
        list.put("kind", t.type().kind() + "List");
        list.put("apiVersion", t.type().apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", rv);
        if (!page.continueToken().isEmpty()) {
            meta.put("continue", page.continueToken());
        }
        var items = list.putArray("items");
        page.items().forEach(items::add);
        json(ctx, 200, list);
    }

    private static int parseInt(String text, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid integer: " + text);
        }
    }

    private void patch(Context ctx, RequestTarget t) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("").split(";")[0].trim();
        String patchType = switch (contentType) {
            case "application/json-patch+json" -> "json";
            case "application/merge-patch+json" -> "merge";
            case "application/strategic-merge-patch+json" -> "strategic";
            case "application/apply-patch+yaml", "application/apply-patch+cbor" -> "apply";
            default -> throw ApiError.unsupportedMediaType(contentType, PATCH_TYPES);
        };
        byte[] bytes = bodyBytes(ctx);
        JsonNode patch;
        try {
            patch = patchType.equals("apply") ? YAML.readTree(bytes) : JSON.readTree(bytes);
        } catch (IOException e) {
            throw ApiError.badRequest("error decoding patch: " + firstLine(e.getMessage()));
        }
        if (patch == null || (!patchType.equals("json") && !patch.isObject())) {
            throw ApiError.badRequest("error decoding patch: the body must be a JSON object");
        }
        if (patchType.equals("apply")) {
            checkApplyTypeMeta(t, patch);
        }
        if (!patchType.equals("json")) {
            validateFields(ctx, t.type(), patch, t.subresource().equals("scale") ? "autoscaling/v1" : t.type().apiVersion(),
                    t.subresource().equals("scale") ? "Scale" : t.type().kind(), patchType);
        }
        RequestOptions options = options(ctx);
        if (t.subresource().equals("scale")) {
            ObjectNode scale = subresources.scale(t.type(), t.namespace(), t.name());
            ObjectNode patched = (ObjectNode) switch (patchType) {
                case "json" -> io.strata.kubernetes.patch.JsonPatch.apply(scale, patch);
                default -> io.strata.kubernetes.patch.MergePatch.apply(scale, patch);
            };
            json(ctx, 200, subresources.writeScale(t.type(), t.namespace(), t.name(), patched, options));
            return;
        }
        boolean[] created = new boolean[1];
        ObjectNode result = service.patch(t.type(), t.namespace(), t.name(), t.subresource(), patchType, patch,
                options, created);
        json(ctx, created[0] ? 201 : 200, result);
    }

    private static void checkApplyTypeMeta(RequestTarget t, JsonNode patch) {
        String apiVersion = patch.path("apiVersion").asText("");
        String kind = patch.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw ApiError.badRequest("invalid object type: /, Kind=");
        }
        if (!apiVersion.equals(t.type().apiVersion()) || !kind.equals(t.type().kind())) {
            throw ApiError.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + t.type().apiVersion() + ")");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private byte[] bodyBytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw ApiError.tooLarge(MAX_BODY_BYTES);
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiError.tooLarge(MAX_BODY_BYTES);
        }
        return bytes;
    }

    /** Decodes a create/update body (JSON, YAML or protobuf) and applies field validation. */
    private ObjectNode body(Context ctx, ResourceType type, String apiVersion, String kind) {
        byte[] bytes = bodyBytes(ctx);
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("application/json").split(";")[0].trim();
        JsonNode node;
        try {
            node = switch (contentType) {
                case "application/vnd.kubernetes.protobuf" -> ProtobufBodies.decode(bytes);
                case "application/yaml" -> YAML.readTree(bytes);
                case "application/json", "" -> JSON.readTree(bytes);
                default -> throw ApiError.unsupportedMediaType(contentType,
                        "application/json, application/yaml, application/vnd.kubernetes.protobuf");
            };
        } catch (IOException e) {
            throw ApiError.badRequest("the object provided is unrecognized: " + firstLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("Object 'Kind' is missing in '" + new String(bytes,
                    java.nio.charset.StandardCharsets.UTF_8).strip() + "'");
        }
        validateFields(ctx, type, node, apiVersion, kind, "create");
        return (ObjectNode) node;
    }

    private void validateFields(Context ctx, ResourceType type, JsonNode node, String apiVersion, String kind,
            String operation) {
        String mode = Optional.ofNullable(ctx.queryParam("fieldValidation")).orElse("Warn");
        if (!List.of("Strict", "Warn", "Ignore").contains(mode)) {
            throw ApiError.badRequest("fieldValidation parameter unsupported: " + mode);
        }
        Optional<Descriptor> schema = ProtoSchema.descriptor(apiVersion, kind);
        if (schema.isEmpty()) {
            return;
        }
        JsonNode checked = node;
        if (operation.equals("strategic")) {
            checked = io.strata.kubernetes.patch.StrategicMergePatch.apply(F.objectNode(), node);
        }
        StrictChecker.Result result = StrictChecker.check(checked, schema.get());
        String prefix = kind + " in version \"" + apiVersion.substring(apiVersion.indexOf('/') + 1)
                + "\" cannot be handled as a " + kind + ": ";
        if (result.typeError() != null) {
            throw ApiError.badRequest(prefix + result.typeError());
        }
        if (result.unknownFields().isEmpty() || mode.equals("Ignore")) {
            return;
        }
        if (mode.equals("Strict")) {
            throw ApiError.badRequest(prefix + "strict decoding error: " + String.join(", ", result.unknownFields()));
        }
        for (String w : result.unknownFields()) {
            ctx.res().addHeader("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
        }
    }

    private void delete(Context ctx, RequestTarget t) {
        JsonNode options = deleteOptions(ctx);
        String propagation = options.path("propagationPolicy").asText(
                Optional.ofNullable(ctx.queryParam("propagationPolicy")).orElse(""));
        if (options.path("orphanDependents").asBoolean(false)) {
            propagation = "Orphan";
        }
        if (!propagation.isEmpty() && !List.of("Background", "Foreground", "Orphan").contains(propagation)) {
            throw ApiError.badRequest("propagationPolicy: Unsupported value: \"" + propagation
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        long expected = 0;
        String rv = options.path("preconditions").path("resourceVersion").asText("");
        if (!rv.isEmpty()) {
            expected = Long.parseLong(rv);
        }
        boolean dryRun = ctx.queryParams("dryRun").contains("All")
                || options.path("dryRun").toString().contains("All");
        long grace = options.path("gracePeriodSeconds").asLong(
                parseInt(ctx.queryParam("gracePeriodSeconds"), -1));
        ResourceService.DeleteResult result = service.delete(t.type(), t.namespace(), t.name(), propagation,
                expected, dryRun, grace);
        if (!result.gone() || returnsObject(t.type())) {
            json(ctx, result.gone() || t.type().kind().equals("Pod") ? 200 : 202, result.object());
            return;
        }
        ObjectNode status = F.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details");
        details.put("name", t.name());
        if (!t.type().group().isEmpty()) {
            details.put("group", t.type().group());
        }
        details.put("kind", t.type().plural());
        details.put("uid", result.object().path("metadata").path("uid").asText());
        json(ctx, 200, status);
    }

    private static boolean returnsObject(ResourceType type) {
        return List.of("Pod", "Service", "Node", "Namespace").contains(type.kind());
    }

    private static JsonNode deleteOptions(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return F.objectNode();
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            return n == null ? F.objectNode() : n;
        } catch (IOException e) {
            throw ApiError.badRequest("error decoding DeleteOptions: " + firstLine(e.getMessage()));
        }
    }

    private void deleteCollection(Context ctx, RequestTarget t) {
        Predicate<JsonNode> filter = filter(ctx);
        ListPage page = service.store().list(t.type().storeKey(), t.namespace(), filter::test, 0, "");
        ObjectNode list = F.objectNode();
        list.put("kind", t.type().kind() + "List");
        list.put("apiVersion", t.type().apiVersion());
        list.putObject("metadata").put("resourceVersion", Long.toString(page.revision()));
        var items = list.putArray("items");
        for (ObjectNode o : page.items()) {
            JsonNode m = o.path("metadata");
            try {
                items.add(service.delete(t.type(), m.path("namespace").asText(""), m.path("name").asText(),
                        "Background", 0, ctx.queryParams("dryRun").contains("All")).object());
            } catch (ApiError e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        json(ctx, 200, list);
    }
}
