package io.strata.services.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.placement.PlacementConstraint;
import io.strata.core.resources.Resource;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.AppRoles;
import io.strata.services.model.AppDefinition.ContainerDefinition;
import io.strata.services.model.AppDefinition.FetchUri;
import io.strata.services.model.AppDefinition.KillSelection;
import io.strata.services.model.AppDefinition.PortDefinition;
import io.strata.services.model.AppDefinition.UnreachableStrategy;
import io.strata.services.model.AppDefinition.UpgradeStrategy;
import io.strata.services.model.HealthCheckDefinition;
import io.strata.services.model.PathId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Marathon app JSON into an {@link AppDefinition}, applying Marathon's defaults and collecting every
 * problem by JSON path ({@code /cpus}, {@code /healthChecks(0)/portIndex}) into {@link Violations}.
 *
 * <p>Messages follow Marathon 1.4's validators ({@code got -1.0, expected 0.0 or more}) and Play-JSON's type
 * errors ({@code error.expected.jsnumber}). Version stamps are not read: the engine sets them.
 */
public final class AppReader {
    private final JsonNode json;
    private final Violations violations = new Violations();
    private final FieldReader fields;

    private AppReader(JsonNode json) {
        this.json = json;
        this.fields = new FieldReader(json, violations);
    }

    /**
     * Reads {@code json}; {@code idFromPath} (may be null) is used when the body has no id.
     *
     * @throws MarathonException 422 with the details when anything is invalid
     */
    public static AppDefinition read(JsonNode json, PathId idFromPath) {
        if (json == null || !json.isObject()) {
            Violations v = new Violations();
            v.typeError("/", "error.expected.jsobject");
            v.throwIfAny();
        }
        AppReader reader = new AppReader(json);
        AppDefinition app = reader.app(idFromPath);
        reader.violations.throwIfAny();
        return app;
    }

    private AppDefinition app(PathId idFromPath) {
        PathId id = id(idFromPath);
        String cmd = fields.text("cmd");
        List<String> args = fields.strings(json.get("args"), "/args");
        ContainerDefinition container = container();
        if (cmd == null && args.isEmpty() && container == null) {
            violations.add("/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
        }
        if (cmd != null && !args.isEmpty()) {
            violations.add("/", "AppDefinition must either contain a 'cmd' or a 'args', but not both.");
        }
        int instances = (int) fields.number("instances", AppDefinition.DEFAULT_INSTANCES, 0, true);
        double cpus = fields.number("cpus", AppDefinition.DEFAULT_CPUS, 0, false);
        double mem = fields.number("mem", AppDefinition.DEFAULT_MEM, 0, false);
        double disk = fields.number("disk", 0, 0, false);
        int gpus = (int) fields.number("gpus", 0, 0, true);
        double backoff = fields.number("backoffSeconds", AppDefinition.DEFAULT_BACKOFF_SECONDS, 0, false);
        double factor = fields.number("backoffFactor", AppDefinition.DEFAULT_BACKOFF_FACTOR, 1.0, false);
        double maxDelay = fields.number("maxLaunchDelaySeconds", AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS, 0, false);
        Integer grace = json.hasNonNull("taskKillGracePeriodSeconds")
                ? (int) fields.number("taskKillGracePeriodSeconds", 0, 0, true) : null;
        List<PortDefinition> ports = portDefinitions();
        boolean requirePorts = fields.bool(json, "requirePorts", "/requirePorts", false);
        if (requirePorts) {
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).port() == 0) {
                    violations.add("/portDefinitions(" + i + ")/port",
                            "Port 0 is not allowed when requirePorts is true");
                }
            }
        }
        return new AppDefinition(id, cmd, args, fields.text("user"), fields.stringMap("env"), instances, cpus, mem, disk, gpus,
                constraints(), acceptedRoles(), fields.stringMap("labels"), ports, requirePorts, healthChecks(ports.size()),
                upgradeStrategy(), backoff, factor, maxDelay, killSelection(), unreachableStrategy(), fetch(),
                grace, container, fields.strings(json.get("dependencies"), "/dependencies"), null, null, null);
    }

    private PathId id(PathId idFromPath) {
        JsonNode node = json.get("id");
        if (node == null || node.isNull()) {
            if (idFromPath == null) {
                violations.add("/id", "error.path.missing");
                return PathId.parse("/invalid");
            }
            return idFromPath;
        }
        if (!node.isTextual()) {
            violations.typeError("/id", "error.expected.jsstring");
            return PathId.parse("/invalid");
        }
        try {
            PathId id = PathId.parse(node.asText());
            if (id.isRoot()) {
                violations.add("/id", "Path must contain at least one path element");
            }
            return id;
        } catch (IllegalArgumentException e) {
            violations.add("/id", e.getMessage());
            return PathId.parse("/invalid");
        }
    }







    private ContainerDefinition container() {
        JsonNode node = json.get("container");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            violations.typeError("/container", "error.expected.jsobject");
            return null;
        }
        String type = node.path("type").asText("DOCKER");
        if (!type.equals("DOCKER") && !type.equals("MESOS")) {
            violations.add("/container/type", "error.expected.validenumvalue");
        }
        JsonNode docker = node.get("docker");
        String image = docker != null && docker.hasNonNull("image") ? docker.get("image").asText() : null;
        if (type.equals("DOCKER") && (image == null || image.isBlank())) {
            violations.add("/container/docker/image", "must not be empty");
        }
        String network = docker != null && docker.hasNonNull("network") ? docker.get("network").asText() : null;
        boolean forcePull = docker != null && fields.bool(docker, "forcePullImage", "/container/docker/forcePullImage", false);
        return new ContainerDefinition(type, image, forcePull, network);
    }

    private List<PortDefinition> portDefinitions() {
        JsonNode defs = json.get("portDefinitions");
        JsonNode legacy = json.get("ports");
        List<PortDefinition> out = new ArrayList<>();
        if ((defs == null || defs.isNull()) && legacy != null && !legacy.isNull()) {
            if (!legacy.isArray()) {
                violations.typeError("/ports", "error.expected.jsarray");
                return out;
            }
            for (int i = 0; i < legacy.size(); i++) {
                out.add(new PortDefinition(port(legacy.get(i), "/ports(" + i + ")"), "tcp", null, Map.of()));
            }
            return out;
        }
        if (defs == null || defs.isNull()) {
            return List.of(new PortDefinition(0, "tcp", null, Map.of()));
        }
        if (!defs.isArray()) {
            violations.typeError("/portDefinitions", "error.expected.jsarray");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < defs.size(); i++) {
            JsonNode def = defs.get(i);
            String path = "/portDefinitions(" + i + ")";
            int number = port(def.get("port"), path + "/port");
            String protocol = def.path("protocol").asText("tcp");
            if (!List.of("tcp", "udp", "udp,tcp", "tcp,udp").contains(protocol)) {
                violations.add(path + "/protocol", "is not one of (tcp, udp, udp,tcp)");
            }
            String name = def.hasNonNull("name") ? def.get("name").asText() : null;
            if (name != null && !names.add(name)) {
                violations.add("/portDefinitions", "Port names must be unique.");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            def.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            out.add(new PortDefinition(number, protocol, name, labels));
        }
        return out;
    }

    private int port(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber()) {
            violations.typeError(path, "error.expected.jsnumber.int");
            return 0;
        }
        int value = node.asInt();
        if (value < 0 || value > 65535) {
            violations.add(path, "got " + value + ", expected between 0 and 65535");
        }
        return value;
    }

    private List<List<String>> constraints() {
        List<List<String>> out = new ArrayList<>();
        JsonNode node = json.get("constraints");
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            violations.typeError("/constraints", "error.expected.jsarray");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "/constraints(" + i + ")";
            List<String> triple = fields.strings(node.get(i), path);
            try {
                PlacementConstraint.of(triple);
                out.add(triple);
            } catch (IllegalArgumentException e) {
                violations.add(path, "Invalid constraint: " + e.getMessage());
            }
        }
        return out;
    }

    private List<String> acceptedRoles() {
        JsonNode node = json.get("acceptedResourceRoles");
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> roles = fields.strings(node, "/acceptedResourceRoles");
        if (roles.isEmpty()) {
            violations.add("/acceptedResourceRoles", "must not be empty");
        }
        for (int i = 0; i < roles.size(); i++) {
            try {
                Resource.validateRole(AppRoles.toMesosRole(roles.get(i)));
            } catch (IllegalArgumentException e) {
                violations.add("/acceptedResourceRoles(" + i + ")", e.getMessage());
            }
        }
        return roles;
    }

    private List<HealthCheckDefinition> healthChecks(int portCount) {
        List<HealthCheckDefinition> out = new ArrayList<>();
        JsonNode node = json.get("healthChecks");
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            violations.typeError("/healthChecks", "error.expected.jsarray");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode check = node.get(i);
            String path = "/healthChecks(" + i + ")";
            HealthCheckDefinition.Protocol protocol = HealthCheckDefinition.Protocol.HTTP;
            if (check.hasNonNull("protocol")) {
                try {
                    protocol = HealthCheckDefinition.Protocol.valueOf(check.get("protocol").asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    violations.add(path + "/protocol", "error.expected.validenumvalue");
                }
            }
            Integer portIndex = check.hasNonNull("portIndex") ? fields.integer(check, "portIndex", path + "/portIndex", 0, 0) : null;
            Integer port = check.hasNonNull("port") ? fields.integer(check, "port", path + "/port", 0, 0) : null;
            String command = check.path("command").path("value").asText(null);
            if (protocol == HealthCheckDefinition.Protocol.COMMAND && (command == null || command.isBlank())) {
                violations.add(path + "/command", "Health check protocol COMMAND needs a command");
            }
            if (protocol != HealthCheckDefinition.Protocol.COMMAND && port == null
                    && (portIndex == null ? 0 : portIndex) >= portCount) {
                violations.add(path, "Health check port indices must address an element of the ports array "
                        + "or container port mappings.");
            }
            String hcPath = check.hasNonNull("path") ? check.get("path").asText() : null;
            out.add(new HealthCheckDefinition(protocol, hcPath, portIndex, port, command,
                    fields.integer(check, "gracePeriodSeconds", path + "/gracePeriodSeconds", HealthCheckDefinition.DEFAULT_GRACE_SECONDS, 0),
                    fields.integer(check, "intervalSeconds", path + "/intervalSeconds", HealthCheckDefinition.DEFAULT_INTERVAL_SECONDS, 1),
                    fields.integer(check, "timeoutSeconds", path + "/timeoutSeconds", HealthCheckDefinition.DEFAULT_TIMEOUT_SECONDS, 1),
                    fields.integer(check, "maxConsecutiveFailures", path + "/maxConsecutiveFailures",
                            HealthCheckDefinition.DEFAULT_MAX_CONSECUTIVE_FAILURES, 0),
                    fields.bool(check, "ignoreHttp1xx", path + "/ignoreHttp1xx", false),
                    fields.integer(check, "delaySeconds", path + "/delaySeconds", HealthCheckDefinition.DEFAULT_DELAY_SECONDS, 0)));
        }
        return out;
    }

    private UpgradeStrategy upgradeStrategy() {
        JsonNode node = json.get("upgradeStrategy");
        if (node == null || node.isNull()) {
            return UpgradeStrategy.DEFAULT;
        }
        double min = fraction(node, "minimumHealthCapacity");
        double over = fraction(node, "maximumOverCapacity");
        return new UpgradeStrategy(min, over);
    }

    private double fraction(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        String path = "/upgradeStrategy/" + field;
        if (node == null || node.isNull()) {
            return 1.0;
        }
        if (!node.isNumber()) {
            violations.typeError(path, "error.expected.jsnumber");
            return 1.0;
        }
        double value = node.asDouble();
        if (value < 0 || value > 1) {
            violations.add(path, "got " + value + ", expected between 0.0 and 1.0");
        }
        return value;
    }

    private KillSelection killSelection() {
        String text = fields.text("killSelection");
        if (text == null) {
            return KillSelection.YOUNGEST_FIRST;
        }
        try {
            return KillSelection.valueOf(text);
        } catch (IllegalArgumentException e) {
            violations.add("/killSelection", "error.expected.validenumvalue");
            return KillSelection.YOUNGEST_FIRST;
        }
    }

    private UnreachableStrategy unreachableStrategy() {
        JsonNode node = json.get("unreachableStrategy");
        if (node == null || node.isNull()) {
            return UnreachableStrategy.DEFAULT;
        }
        if (node.isTextual()) {
            if (!node.asText().equals("disabled")) {
                violations.add("/unreachableStrategy", "error.expected.validenumvalue");
            }
            return new UnreachableStrategy(0, 0, true);
        }
        int inactive = fields.integer(node, "inactiveAfterSeconds", "/unreachableStrategy/inactiveAfterSeconds", 0, 0);
        int expunge = fields.integer(node, "expungeAfterSeconds", "/unreachableStrategy/expungeAfterSeconds", 0, 0);
        if (expunge < inactive) {
            violations.add("/unreachableStrategy/expungeAfterSeconds", "got " + expunge
                    + ", expected " + inactive + " or more");
        }
        return new UnreachableStrategy(inactive, expunge, false);
    }

    private List<FetchUri> fetch() {
        List<FetchUri> out = new ArrayList<>();
        JsonNode node = json.get("fetch");
        if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode f = node.get(i);
                String path = "/fetch(" + i + ")";
                String uri = f.path("uri").asText("");
                if (uri.isBlank()) {
                    violations.add(path + "/uri", "must not be empty");
                }
                out.add(new FetchUri(uri, fields.bool(f, "executable", path + "/executable", false),
                        fields.bool(f, "extract", path + "/extract", true), fields.bool(f, "cache", path + "/cache", false),
                        f.hasNonNull("outputFile") ? f.get("outputFile").asText() : null));
            }
        } else if (json.hasNonNull("uris")) {
            for (String uri : fields.strings(json.get("uris"), "/uris")) {
                out.add(new FetchUri(uri, false, true, false, null));
            }
        }
        return out;
    }
}
