package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.resources.ResourceType;
import java.util.List;

/**
 * The discovery documents: {@code /version}, aggregated discovery (apidiscovery.k8s.io/v2) and legacy discovery
 * ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList}).
 */
public final class DiscoveryDocuments {

    /** The Content-Type that makes kubectl treat a body as aggregated discovery. */
    public static final String AGGREGATED_CONTENT_TYPE =
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    /** The Kubernetes version this server reports (kubectl's dispatcher picks kubectl 1.32 from it). */
    public static final String GIT_VERSION = "v1.32.0";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> CREATE_ONLY = List.of("binding", "eviction");

    private final ResourceCatalog catalog;
    private final String serverAddress;

    /** Documents for {@code catalog}, advertising {@code serverAddress} (host:port). */
    public DiscoveryDocuments(ResourceCatalog catalog, String serverAddress) {
        this.catalog = catalog;
        this.serverAddress = serverAddress;
    }

    /** Whether an Accept header asks for aggregated discovery v2 (exactly {@code v=v2}, not v2beta1). */
    public static boolean wantsAggregated(String accept) {
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            boolean v2 = false;
            boolean list = false;
            boolean group = false;
            for (String param : part.split(";")) {
                String p = param.trim();
                v2 |= p.equals("v=v2");
                list |= p.equals("as=APIGroupDiscoveryList");
                group |= p.equals("g=apidiscovery.k8s.io");
            }
            if (v2 && list && group) {
                return true;
            }
        }
        return false;
    }

    /** The {@code /version} body of a 1.32 server. */
    public ObjectNode version() {
        ObjectNode v = F.objectNode();
        v.put("major", "1");
        v.put("minor", "32");
        v.put("emulationMajor", "1");
        v.put("emulationMinor", "32");
        v.put("minCompatibilityMajor", "1");
        v.put("minCompatibilityMinor", "31");
        v.put("gitVersion", GIT_VERSION);
        v.put("gitCommit", "strata");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-01-01T00:00:00Z");
        v.put("goVersion", "go1.23.4");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return v;
    }

    /** Aggregated discovery of the core group ({@code /api}) or of the named groups ({@code /apis}). */
    public ObjectNode aggregated(boolean core) {
        ObjectNode list = F.objectNode();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        List<String> groups = core ? List.of("") : catalog.groups();
        for (String group : groups) {
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!group.isEmpty()) {
                meta.put("name", group);
            }
            ObjectNode version = item.putArray("versions").addObject();
            version.put("version", "v1");
            ArrayNode resources = version.putArray("resources");
            for (ResourceType t : catalog.inGroupVersion(group.isEmpty() ? "v1" : group + "/v1")) {
                resources.add(aggregatedResource(t));
            }
            version.put("freshness", "Current");
        }
        return list;
    }

    private static ObjectNode aggregatedResource(ResourceType t) {
        ObjectNode r = F.objectNode();
        r.put("resource", t.plural());
        r.set("responseKind", kind(t.group(), t.version(), t.kind()));
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", t.singular());
        ArrayNode verbs = r.putArray("verbs");
        ResourceType.VERBS.forEach(verbs::add);
        if (!t.shortNames().isEmpty()) {
            ArrayNode s = r.putArray("shortNames");
            t.shortNames().forEach(s::add);
        }
        if (!t.categories().isEmpty()) {
            ArrayNode c = r.putArray("categories");
            t.categories().forEach(c::add);
        }
        if (!t.subresources().isEmpty()) {
            ArrayNode subs = r.putArray("subresources");
            for (String sub : t.subresources()) {
                ObjectNode s = subs.addObject();
                s.put("subresource", sub);
                s.set("responseKind", switch (sub) {
                    case "scale" -> kind("autoscaling", "v1", "Scale");
                    case "binding" -> kind("", "v1", "Binding");
                    case "eviction" -> kind("policy", "v1", "Eviction");
                    default -> kind(t.group(), t.version(), t.kind());
                });
                if (CREATE_ONLY.contains(sub)) {
                    s.putArray("verbs").add("create");
                } else {
                    s.putArray("verbs").add("get").add("patch").add("update");
                }
            }
        }
        return r;
    }

    private static ObjectNode kind(String group, String version, String kind) {
        ObjectNode k = F.objectNode();
        k.put("group", group);
        k.put("version", version);
        k.put("kind", kind);
        return k;
    }

    /** Legacy {@code /api}: the core versions. */
    public ObjectNode apiVersions() {
        ObjectNode v = F.objectNode();
        v.put("kind", "APIVersions");
        v.putArray("versions").add("v1");
        ObjectNode cidr = v.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return v;
    }

    /** Legacy {@code /apis}: the named groups. */
    public ObjectNode groupList() {
        ObjectNode list = F.objectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String g : catalog.groups()) {
            groups.add(group(g));
        }
        return list;
    }

    /** Legacy {@code /apis/<group>}. */
    public ObjectNode group(String g) {
        ObjectNode group = F.objectNode();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", g);
        ObjectNode gv = F.objectNode();
        gv.put("groupVersion", g + "/v1");
        gv.put("version", "v1");
        group.putArray("versions").add(gv);
        group.set("preferredVersion", gv.deepCopy());
        return group;
    }

    /** Legacy {@code /api/v1} or {@code /apis/<group>/v1}: the resources of one group version. */
    public ObjectNode resourceList(String apiVersion) {
        ObjectNode list = F.objectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", apiVersion);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : catalog.inGroupVersion(apiVersion)) {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            ResourceType.VERBS.forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode s = r.putArray("shortNames");
                t.shortNames().forEach(s::add);
            }
            if (!t.categories().isEmpty()) {
                ArrayNode c = r.putArray("categories");
                t.categories().forEach(c::add);
            }
            for (String sub : t.subresources()) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                switch (sub) {
                    case "scale" -> s.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
                    case "binding" -> s.put("kind", "Binding");
                    case "eviction" -> s.put("group", "policy").put("version", "v1").put("kind", "Eviction");
                    default -> s.put("kind", t.kind());
                }
                if (CREATE_ONLY.contains(sub)) {
                    s.putArray("verbs").add("create");
                } else {
                    s.putArray("verbs").add("get").add("patch").add("update");
                }
            }
        }
        return list;
    }
}
