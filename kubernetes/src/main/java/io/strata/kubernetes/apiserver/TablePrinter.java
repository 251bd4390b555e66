package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.selector.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders objects as {@code meta.k8s.io/v1} Tables with the columns and cell formats of upstream's printers
 * (pkg/printers/internalversion), so kubectl shows the same output as against a real apiserver.
 */
public final class TablePrinter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String NONE = "<none>";

    private record Column(String name, String type, int priority) {
    }

    private TablePrinter() {
    }

    /** A Table of {@code objects} at {@code resourceVersion}, ages computed against {@code now}. */
    public static ObjectNode table(ResourceType type, List<? extends JsonNode> objects, String resourceVersion,
            String continueToken, Instant now, boolean withColumns) {
        ObjectNode t = F.objectNode();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = t.putObject("metadata");
        meta.put("resourceVersion", resourceVersion);
        if (continueToken != null && !continueToken.isEmpty()) {
            meta.put("continue", continueToken);
        }
        ArrayNode columns = t.putArray("columnDefinitions");
        if (withColumns) {
            for (Column c : columns(type)) {
                ObjectNode col = columns.addObject();
                col.put("name", c.name());
                col.put("type", c.type());
                col.put("format", c.name().equals("Name") ? "name" : "");
                col.put("description", "");
                col.put("priority", c.priority());
            }
        }
        ArrayNode rows = t.putArray("rows");
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : cells(type, o, now)) {
                if (cell instanceof Integer i) {
                    cells.add(i);
                } else if (cell instanceof Long l) {
                    cells.add(l);
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata");
            partial.put("apiVersion", "meta.k8s.io/v1");
            ObjectNode metadata = o.path("metadata").deepCopy();
            metadata.remove("managedFields");
            partial.set("metadata", metadata);
        }
        return t;
    }

    private static List<Column> columns(ResourceType type) {
        return switch (type.kind()) {
            case "Pod" -> List.of(c("Name"), c("Ready"), c("Status"), c("Restarts"), c("Age"), wide("IP"),
                    wide("Node"), wide("Nominated Node"), wide("Readiness Gates"));
            case "Service" -> List.of(c("Name"), c("Type"), c("Cluster-IP"), c("External-IP"), c("Port(s)"), c("Age"),
                    wide("Selector"));
            case "Endpoints" -> List.of(c("Name"), c("Endpoints"), c("Age"));
            case "Deployment" -> List.of(c("Name"), c("Ready"), i("Up-to-date"), i("Available"), c("Age"),
                    wide("Containers"), wide("Images"), wide("Selector"));
            case "ReplicaSet" -> List.of(c("Name"), i("Desired"), i("Current"), i("Ready"), c("Age"),
                    wide("Containers"), wide("Images"), wide("Selector"));
            case "Node" -> List.of(c("Name"), c("Status"), c("Roles"), c("Age"), c("Version"), wide("Internal-IP"),
                    wide("External-IP"), wide("OS-Image"), wide("Kernel-Version"), wide("Container-Runtime"));
            case "Namespace" -> List.of(c("Name"), c("Status"), c("Age"));
            case "ConfigMap" -> List.of(c("Name"), i("Data"), c("Age"));
            case "Secret" -> List.of(c("Name"), c("Type"), i("Data"), c("Age"));
            case "ServiceAccount" -> List.of(c("Name"), c("Secrets"), c("Age"));
            case "Event" -> List.of(c("Last Seen"), c("Type"), c("Reason"), c("Object"), wide("Subobject"),
                    wide("Source"), c("Message"), wide("First Seen"), wide("Count"), wide("Name"));
            case "Job" -> List.of(c("Name"), c("Status"), c("Completions"), c("Duration"), c("Age"),
                    wide("Containers"), wide("Images"), wide("Selector"));
            case "CronJob" -> List.of(c("Name"), c("Schedule"), c("Timezone"), c("Suspend"), i("Active"),
                    c("Last Schedule"), c("Age"), wide("Containers"), wide("Images"), wide("Selector"));
            case "EndpointSlice" -> List.of(c("Name"), c("AddressType"), c("Ports"), c("Endpoints"), c("Age"));
            default -> List.of(c("Name"), new Column("Created At", "date", 0));
        };
    }

    private static Column c(String name) {
        return new Column(name, "string", 0);
    }

    private static Column i(String name) {
        return new Column(name, "integer", 0);
    }

    private static Column wide(String name) {
        return new Column(name, "string", 1);
    }

    private static List<Object> cells(ResourceType type, JsonNode o, Instant now) {
        JsonNode meta = o.path("metadata");
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        String name = meta.path("name").asText();
        String age = age(meta.path("creationTimestamp").asText(""), now);
        return switch (type.kind()) {
            case "Pod" -> podCells(o, name, age);
            case "Service" -> List.of(name, spec.path("type").asText(), spec.path("clusterIP").asText(NONE),
                    externalIps(o), ports(spec.path("ports")), age, selector(spec.path("selector")));
            case "Endpoints" -> List.of(name, endpoints(o.path("subsets")), age);
            case "Deployment" -> List.of(name, status.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(0),
                    status.path("updatedReplicas").asInt(0), status.path("availableReplicas").asInt(0), age,
                    containerField(spec, "name"), containerField(spec, "image"),
                    LabelSelector.format(spec.path("selector")));
            case "ReplicaSet" -> List.of(name, spec.path("replicas").asInt(0), status.path("replicas").asInt(0),
                    status.path("readyReplicas").asInt(0), age, containerField(spec, "name"),
                    containerField(spec, "image"), LabelSelector.format(spec.path("selector")));
            case "Node" -> nodeCells(o, name, age);
            case "Namespace" -> List.of(name, status.path("phase").asText("Active"), age);
            case "ConfigMap" -> List.of(name, o.path("data").size() + o.path("binaryData").size(), age);
            case "Secret" -> List.of(name, o.path("type").asText(), o.path("data").size(), age);
            case "ServiceAccount" -> List.of(name, String.valueOf(o.path("secrets").size()), age);
            case "Event" -> eventCells(o, name, now);
            case "Job" -> jobCells(o, name, age, now);
            case "CronJob" -> List.of(name, spec.path("schedule").asText(), spec.path("timeZone").asText(NONE),
                    String.valueOf(spec.path("suspend").asBoolean(false)), status.path("active").size(),
                    status.has("lastScheduleTime") ? age(status.path("lastScheduleTime").asText(), now) : NONE, age,
                    containerField(spec.path("jobTemplate").path("spec"), "name"),
                    containerField(spec.path("jobTemplate").path("spec"), "image"), NONE);
            case "EndpointSlice" -> List.of(name, o.path("addressType").asText(), slicePorts(o.path("ports")),
                    sliceEndpoints(o.path("endpoints")), age);
            default -> List.of(name, meta.path("creationTimestamp").asText());
        };
    }

    /**
     * Upstream's STATUS while init containers have not all completed: {@code Init:<reason>} of a failed or waiting one,
     * else {@code Init:<done>/<total>}; null once they completed.
     */
    private static String initReason(JsonNode statuses, int total) {
        for (int i = 0; i < statuses.size(); i++) {
            JsonNode state = statuses.get(i).path("state");
            if (state.has("terminated") && state.path("terminated").path("exitCode").asInt() == 0) {
                continue;
            }
            if (state.has("terminated")) {
                String r = state.path("terminated").path("reason").asText("");
                return "Init:" + (r.isEmpty() ? "ExitCode:" + state.path("terminated").path("exitCode").asInt() : r);
            }
            String waiting = state.path("waiting").path("reason").asText("");
            if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
                return "Init:" + waiting;
            }
            return "Init:" + i + "/" + total;
        }
        return null;
    }

    private static List<Object> podCells(JsonNode o, String name, String age) {
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        int total = spec.path("containers").size();
        int ready = 0;
        int restarts = 0;
        String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
        String init = initReason(status.path("initContainerStatuses"), spec.path("initContainers").size());
        // as upstream: restarts of init containers while they run, of the app containers afterwards
        for (JsonNode cs : init != null ? status.path("initContainerStatuses") : JsonNodeFactory.instance.arrayNode()) {
            restarts += cs.path("restartCount").asInt(0);
        }
        for (JsonNode cs : init != null ? JsonNodeFactory.instance.arrayNode() : status.path("containerStatuses")) {
            restarts += cs.path("restartCount").asInt(0);
            if (cs.path("ready").asBoolean(false)) {
                ready++;
            }
            JsonNode state = cs.path("state");
            if (state.path("waiting").has("reason")) {
                reason = state.path("waiting").path("reason").asText();
            } else if (state.path("terminated").has("reason")) {
                reason = state.path("terminated").path("reason").asText();
            }
        }
        if (init != null) {
            reason = init;
        }
        if (o.path("metadata").has("deletionTimestamp")) {
            reason = "Terminating";
        }
        return List.of(name, ready + "/" + total, reason, String.valueOf(restarts), age,
                status.path("podIP").asText(NONE), spec.path("nodeName").asText(NONE),
                status.path("nominatedNodeName").asText(NONE), NONE);
    }

    private static List<Object> nodeCells(JsonNode o, String name, String age) {
        String ready = "Unknown";
        for (JsonNode c : o.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                ready = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
            }
        }
        if (o.path("spec").path("unschedulable").asBoolean(false)) {
            ready += ",SchedulingDisabled";
        }
        List<String> roles = new ArrayList<>();
        o.path("metadata").path("labels").fieldNames().forEachRemaining(k -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            }
        });
        JsonNode info = o.path("status").path("nodeInfo");
        String internal = NONE;
        String external = NONE;
        for (JsonNode a : o.path("status").path("addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                internal = a.path("address").asText();
            } else if ("ExternalIP".equals(a.path("type").asText())) {
                external = a.path("address").asText();
            }
        }
        return List.of(name, ready, roles.isEmpty() ? NONE : String.join(",", roles), age,
                info.path("kubeletVersion").asText(""), internal, external, info.path("osImage").asText("<unknown>"),
                info.path("kernelVersion").asText("<unknown>"), info.path("containerRuntimeVersion").asText("<unknown>"));
    }

    private static List<Object> eventCells(JsonNode o, String name, Instant now) {
        JsonNode involved = o.path("involvedObject");
        String last = o.path("lastTimestamp").asText(o.path("eventTime").asText(""));
        String first = o.path("firstTimestamp").asText(last);
        String object = involved.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "/"
                + involved.path("name").asText();
        String source = o.path("source").path("component").asText("");
        if (o.path("source").has("host")) {
            source += ", " + o.path("source").path("host").asText();
        }
        return List.of(age(last, now), o.path("type").asText(), o.path("reason").asText(), object,
                involved.path("fieldPath").asText(""), source, o.path("message").asText().trim(), age(first, now),
                String.valueOf(o.path("count").asInt(1)), name);
    }

    private static List<Object> jobCells(JsonNode o, String name, String age, Instant now) {
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        String completions = spec.has("completions")
                ? status.path("succeeded").asInt(0) + "/" + spec.path("completions").asInt()
                : status.path("succeeded").asInt(0) + "/1 of " + spec.path("parallelism").asInt(1);
        String state = "Running";
        for (JsonNode c : status.path("conditions")) {
            if ("True".equals(c.path("status").asText())) {
                switch (c.path("type").asText()) {
                    case "Complete" -> state = "Complete";
                    case "Failed" -> state = "Failed";
                    case "Suspended" -> state = "Suspended";
                    case "FailureTarget" -> state = "FailureTarget";
                    case "SuccessCriteriaMet" -> state = "SuccessCriteriaMet";
                    default -> { }
                }
            }
        }
        String duration = "";
        if (status.has("startTime")) {
            Instant start = Instant.parse(status.path("startTime").asText());
            Instant end = status.has("completionTime") ? Instant.parse(status.path("completionTime").asText()) : now;
            duration = humanDuration(Duration.between(start, end));
        }
        return List.of(name, state, completions, duration, age, containerField(spec, "name"),
                containerField(spec, "image"), LabelSelector.format(spec.path("selector")));
    }

    private static String containerField(JsonNode spec, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode c : spec.path("template").path("spec").path("containers")) {
            values.add(c.path(field).asText());
        }
        return String.join(",", values);
    }

    private static String externalIps(JsonNode svc) {
        List<String> ips = new ArrayList<>();
        svc.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
        svc.path("status").path("loadBalancer").path("ingress").forEach(i -> ips.add(i.path("ip").asText()));
        if (!ips.isEmpty()) {
            return String.join(",", ips);
        }
        return switch (svc.path("spec").path("type").asText()) {
            case "LoadBalancer" -> "<pending>";
            case "ExternalName" -> svc.path("spec").path("externalName").asText();
            default -> NONE;
        };
    }

    private static String ports(JsonNode ports) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : ports) {
            String s = p.path("port").asText();
            if (p.has("nodePort")) {
                s += ":" + p.path("nodePort").asText();
            }
            out.add(s + "/" + p.path("protocol").asText("TCP"));
        }
        return out.isEmpty() ? NONE : String.join(",", out);
    }

    private static String selector(JsonNode selector) {
        if (selector.isEmpty()) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<String, String>() {
            {
                selector.properties().forEach(e -> put(e.getKey(), e.getValue().asText()));
            }
        }.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    private static String endpoints(JsonNode subsets) {
        List<String> out = new ArrayList<>();
        for (JsonNode subset : subsets) {
            for (JsonNode a : subset.path("addresses")) {
                if (subset.path("ports").isEmpty()) {
                    out.add(a.path("ip").asText());
                }
                for (JsonNode p : subset.path("ports")) {
                    out.add(a.path("ip").asText() + ":" + p.path("port").asText());
                }
            }
        }
        if (out.isEmpty()) {
            return NONE;
        }
        if (out.size() > 3) {
            return String.join(",", out.subList(0, 3)) + " + " + (out.size() - 3) + " more...";
        }
        return String.join(",", out);
    }

    private static String slicePorts(JsonNode ports) {
        List<String> out = new ArrayList<>();
        ports.forEach(p -> out.add(p.path("port").asText()));
        return out.isEmpty() ? NONE : String.join(",", out);
    }

    private static String sliceEndpoints(JsonNode endpoints) {
        List<String> out = new ArrayList<>();
        endpoints.forEach(e -> e.path("addresses").forEach(a -> out.add(a.asText())));
        if (out.isEmpty()) {
            return NONE;
        }
        return out.size() > 3 ? String.join(",", out.subList(0, 3)) + " + " + (out.size() - 3) + " more..."
                : String.join(",", out);
    }

    /** The AGE cell: {@code <unknown>} without a timestamp, else upstream's human duration. */
    public static String age(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp), now));
        } catch (java.time.format.DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** Upstream's {@code duration.HumanDuration}: {@code 45s}, {@code 5m3s}, {@code 2d3h}, {@code 3y12d}. */
    public static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = d.toMinutes();
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 180) {
            return minutes + "m";
        }
        long hours = d.toHours();
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
