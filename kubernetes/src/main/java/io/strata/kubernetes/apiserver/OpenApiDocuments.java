package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.resources.ResourceType;

/**
 * OpenAPI v3: the index ({@code /openapi/v3}) and one document per group version whose PATCH operations declare
 * the {@code fieldValidation} query parameter, which is what makes kubectl leave validation to the server and send
 * {@code fieldValidation=Strict}. Schemas are minimal (a type with its GVK) so {@code kubectl explain} finds kinds.
 */
public final class OpenApiDocuments {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ResourceCatalog catalog;

    /** Documents for {@code catalog}. */
    public OpenApiDocuments(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    /** The index listing each group version's document. */
    public ObjectNode index() {
        ObjectNode root = F.objectNode();
        ObjectNode paths = root.putObject("paths");
        for (String gv : groupVersionPaths()) {
            paths.putObject(gv.substring(1)).put("serverRelativeURL", "/openapi/v3" + gv + "?hash=" + hash(gv));
        }
        return root;
    }

    private java.util.List<String> groupVersionPaths() {
        return catalog.all().stream().map(ResourceType::groupVersionPath).distinct().toList();
    }

    private static String hash(String gv) {
        return Integer.toHexString(("strata-1" + gv).hashCode()).toUpperCase(java.util.Locale.ROOT);
    }

    /** The document of a group-version path ({@code /api/v1}, {@code /apis/apps/v1}), or null if none. */
    public ObjectNode document(String groupVersionPath) {
        if (!groupVersionPaths().contains(groupVersionPath)) {
            return null;
        }
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", DiscoveryDocuments.GIT_VERSION);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (ResourceType t : catalog.all()) {
            if (!t.groupVersionPath().equals(groupVersionPath)) {
                continue;
            }
            String item = groupVersionPath + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural() + "/{name}";
            ObjectNode patch = paths.putObject(item).putObject("patch");
            patch.put("operationId", "patch" + t.kind());
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", t.group()).put("version", t.version()).put("kind", t.kind());
            ArrayNode params = patch.putArray("parameters");
            for (String p : new String[] {"dryRun", "fieldManager", "fieldValidation", "force"}) {
                params.addObject().put("name", p).put("in", "query").putObject("schema").put("type", "string");
            }
            ObjectNode schema = schemas.putObject(schemaName(t));
            schema.put("type", "object");
            schema.put("description", t.kind() + " is served by Strata.");
            ObjectNode props = schema.putObject("properties");
            props.putObject("apiVersion").put("type", "string");
            props.putObject("kind").put("type", "string");
            props.putObject("metadata").put("type", "object");
            if (!t.kind().equals("ConfigMap") && !t.kind().equals("Secret") && !t.kind().equals("Event")
                    && !t.kind().equals("Endpoints") && !t.kind().equals("ServiceAccount")
                    && !t.kind().equals("EndpointSlice")) {
                props.putObject("spec").put("type", "object");
                props.putObject("status").put("type", "object");
            }
            ArrayNode gvks = schema.putArray("x-kubernetes-group-version-kind");
            gvks.addObject().put("group", t.group()).put("kind", t.kind()).put("version", t.version());
        }
        return doc;
    }

    private static String schemaName(ResourceType t) {
        String group = switch (t.group()) {
            case "" -> "core";
            case "discovery.k8s.io" -> "discovery";
            default -> t.group();
        };
        return "io.k8s.api." + group + "." + t.version() + "." + t.kind();
    }
}
