package io.strata.kubernetes.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Upstream's per-kind defaults and validation, as pure functions of the object: what the apiserver's defaulting
 * and validation strategies do before an object is stored. Metadata (uid, timestamps) is set by the caller.
 */
public final class ObjectRules {

    private static final Pattern DNS1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final String DNS1035_ERROR = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. "
            + "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private ObjectRules() {
    }

    /** Validates the object's name for its kind; the empty list means valid. */
    public static List<FieldError> validateName(ResourceType type, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required("metadata.name", "name or generateName is required"));
            return errors;
        }
        List<String> problems = switch (type.kind()) {
            case "Namespace" -> Names.labelErrors(name);
            case "Service" -> DNS1035.matcher(name).matches() && name.length() <= 63 ? List.of() : List.of(DNS1035_ERROR);
            default -> Names.subdomainErrors(name);
        };
        for (String p : problems) {
            errors.add(FieldError.invalid("metadata.name", name, p));
        }
        return errors;
    }

    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final String LABEL_VALUE_ERROR = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
            + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private static final String NAME_PART_ERROR = "name part must consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
            + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /** Validates label keys and values and annotation keys as upstream's ValidateObjectMeta does. */
    public static List<FieldError> validateMetadata(JsonNode metadata) {
        List<FieldError> errors = new ArrayList<>();
        metadata.path("labels").properties().forEach(e -> {
            checkKey("metadata.labels", e.getKey(), errors);
            String value = e.getValue().asText();
            if (value.length() > 63) {
                errors.add(FieldError.invalid("metadata.labels", value, "must be no more than 63 characters"));
            }
            if (!LABEL_VALUE.matcher(value).matches()) {
                errors.add(FieldError.invalid("metadata.labels", value, LABEL_VALUE_ERROR));
            }
        });
        metadata.path("annotations").properties().forEach(e -> checkKey("metadata.annotations",
                e.getKey().toLowerCase(java.util.Locale.ROOT), errors));
        return errors;
    }

    private static void checkKey(String field, String key, List<FieldError> errors) {
        int slash = key.indexOf('/');
        String name = slash >= 0 ? key.substring(slash + 1) : key;
        if (slash >= 0) {
            for (String p : Names.subdomainErrors(key.substring(0, slash))) {
                errors.add(FieldError.invalid(field, key, "prefix part " + p));
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            errors.add(FieldError.invalid(field, key, name.length() > 63 ? "name part must be no more than 63 "
                    + "characters" : NAME_PART_ERROR));
        }
    }

    /**
     * Create-time settings upstream's strategies add: a Job's selector and controller labels from its uid, and a
     * Pod's service account, priority, preemption policy and the not-ready/unreachable tolerations.
     */
    public static void prepareCreate(ResourceType type, ObjectNode o) {
        if (type.kind().equals("Job")) {
            ObjectNode spec = obj(o, "spec");
            if (!spec.path("manualSelector").asBoolean(false)) {
                String uid = o.path("metadata").path("uid").asText();
                String name = o.path("metadata").path("name").asText();
                ObjectNode labels = obj(obj(obj(spec, "template"), "metadata"),
                        "labels");
                labels.put("batch.kubernetes.io/controller-uid", uid);
                labels.put("batch.kubernetes.io/job-name", name);
                labels.put("controller-uid", uid);
                labels.put("job-name", name);
                spec.putObject("selector").putObject("matchLabels").put("batch.kubernetes.io/controller-uid", uid);
            }
        }
        if (type.kind().equals("Pod")) {
            ObjectNode spec = obj(o, "spec");
            if (!spec.has("serviceAccountName")) {
                spec.put("serviceAccountName", "default");
            }
            spec.put("serviceAccount", spec.path("serviceAccountName").asText());
            if (!spec.has("enableServiceLinks")) {
                spec.put("enableServiceLinks", true);
            }
            if (!spec.has("priority")) {
                spec.put("priority", 0);
            }
            if (!spec.has("preemptionPolicy")) {
                spec.put("preemptionPolicy", "PreemptLowerPriority");
            }
            if (!spec.has("tolerations")) {
                ArrayNode t = spec.putArray("tolerations");
                for (String taint : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
                    t.addObject().put("key", taint).put("operator", "Exists").put("effect", "NoExecute")
                            .put("tolerationSeconds", 300);
                }
            }
        }
    }

    /** Fills in upstream's defaults for the kind, in place. */
    public static void applyDefaults(ResourceType type, ObjectNode o) {
        switch (type.kind()) {
            case "Pod" -> {
                defaultPodSpec(obj(o, "spec"));
                ObjectNode status = obj(o, "status");
                putIfAbsent(status, "phase", "Pending");
                putIfAbsent(status, "qosClass", "BestEffort");
            }
            case "Service" -> defaultService(o);
            case "Namespace" -> {
                ObjectNode spec = obj(o, "spec");
                if (!spec.has("finalizers")) {
                    spec.putArray("finalizers").add("kubernetes");
                }
                putIfAbsent(obj(o, "status"), "phase", "Active");
                obj(obj(o, "metadata"), "labels").put("kubernetes.io/metadata.name", o.path("metadata").path("name").asText());
            }
            case "Secret" -> putIfAbsent(o, "type", "Opaque");
            case "Deployment" -> {
                ObjectNode spec = obj(o, "spec");
                putIfAbsent(spec, "replicas", 1);
                ObjectNode strategy = obj(spec, "strategy");
                putIfAbsent(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(strategy.path("type").asText())) {
                    ObjectNode ru = obj(strategy, "rollingUpdate");
                    putIfAbsent(ru, "maxUnavailable", "25%");
                    putIfAbsent(ru, "maxSurge", "25%");
                }
                putIfAbsent(spec, "revisionHistoryLimit", 10);
                putIfAbsent(spec, "progressDeadlineSeconds", 600);
                defaultTemplate(spec);
            }
            case "ReplicaSet" -> {
                ObjectNode spec = obj(o, "spec");
                putIfAbsent(spec, "replicas", 1);
                defaultTemplate(spec);
            }
            case "Job" -> defaultJob(obj(o, "spec"));
            case "CronJob" -> {
                ObjectNode spec = obj(o, "spec");
                putIfAbsent(spec, "concurrencyPolicy", "Allow");
                putIfAbsent(spec, "suspend", false);
                putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
                putIfAbsent(spec, "failedJobsHistoryLimit", 1);
                defaultJob(obj(obj(spec, "jobTemplate"), "spec"));
            }
            default -> { }
        }
    }

    private static void defaultJob(ObjectNode spec) {
        putIfAbsent(spec, "parallelism", 1);
        putIfAbsent(spec, "completions", 1);
        putIfAbsent(spec, "backoffLimit", 6);
        putIfAbsent(spec, "completionMode", "NonIndexed");
        putIfAbsent(spec, "suspend", false);
        putIfAbsent(spec, "manualSelector", false);
        putIfAbsent(spec, "podReplacementPolicy", "TerminatingOrFailed");
        ObjectNode podSpec = obj(obj(spec, "template"), "spec");
        defaultPodSpec(podSpec);
    }

    private static void defaultTemplate(ObjectNode spec) {
        if (spec.get("template") instanceof ObjectNode template) {
            defaultPodSpec(obj(template, "spec"));
        }
    }

    /** Pod spec defaults: restart policy, DNS, scheduler, grace period, container pull policy and ports. */
    public static void defaultPodSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : spec.path(list)) {
                if (c instanceof ObjectNode container) {
                    defaultContainer(container);
                }
            }
        }
    }

    private static void defaultContainer(ObjectNode c) {
        String image = c.path("image").asText();
        String tag = image.contains("@") ? "digest" : image.lastIndexOf(':') > image.lastIndexOf('/')
                ? image.substring(image.lastIndexOf(':') + 1) : "latest";
        if (!c.has("resources")) {
            c.putObject("resources");
        }
        putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(c, "terminationMessagePolicy", "File");
        putIfAbsent(c, "imagePullPolicy", "latest".equals(tag) ? "Always" : "IfNotPresent");
        for (JsonNode p : c.path("ports")) {
            if (p instanceof ObjectNode port) {
                putIfAbsent(port, "protocol", "TCP");
            }
        }
    }

    private static void defaultService(ObjectNode o) {
        ObjectNode spec = obj(o, "spec");
        putIfAbsent(spec, "type", "ClusterIP");
        putIfAbsent(spec, "sessionAffinity", "None");
        if (!"ExternalName".equals(spec.path("type").asText())) {
            putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
            if (!spec.has("ipFamilies")) {
                spec.putArray("ipFamilies").add("IPv4");
            }
            putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        }
        for (JsonNode p : spec.path("ports")) {
            if (p instanceof ObjectNode port) {
                putIfAbsent(port, "protocol", "TCP");
                if (!port.has("targetPort") && port.has("port")) {
                    port.set("targetPort", port.get("port"));
                }
            }
        }
        if (!o.has("status")) {
            o.putObject("status").putObject("loadBalancer");
        }
    }

    /** Validates the kind's spec; the empty list means valid. */
    public static List<FieldError> validate(ResourceType type, ObjectNode o) {
        List<FieldError> errors = validateMetadata(o.path("metadata"));
        JsonNode spec = o.path("spec");
        switch (type.kind()) {
            case "Pod" -> validatePodSpec(spec, "spec", errors);
            case "Deployment", "ReplicaSet" -> {
                validateSelector(spec, errors);
                validatePodSpec(spec.path("template").path("spec"), "spec.template.spec", errors);
                if (spec.path("replicas").asInt(0) < 0) {
                    errors.add(FieldError.invalid("spec.replicas", spec.path("replicas").asInt(),
                            "must be greater than or equal to 0"));
                }
            }
            case "Job" -> validateJobSpec(spec, "spec", errors);
            case "CronJob" -> {
                if (spec.path("schedule").asText("").isBlank()) {
                    errors.add(FieldError.required("spec.schedule", ""));
                }
                validateJobSpec(spec.path("jobTemplate").path("spec"), "spec.jobTemplate.spec", errors);
            }
            case "Service" -> validateService(spec, errors);
            default -> { }
        }
        return errors;
    }

    private static void validateJobSpec(JsonNode spec, String path, List<FieldError> errors) {
        JsonNode podSpec = spec.path("template").path("spec");
        validatePodSpec(podSpec, path + ".template.spec", errors);
        String restart = podSpec.path("restartPolicy").asText();
        if (!restart.equals("Never") && !restart.equals("OnFailure")) {
            errors.add(FieldError.notSupported(path + ".template.spec.restartPolicy", restart, "OnFailure", "Never"));
        }
    }

    private static void validateSelector(JsonNode spec, List<FieldError> errors) {
        JsonNode selector = spec.path("selector");
        if (selector.isMissingNode() || selector.isNull() || selector.isEmpty()) {
            errors.add(FieldError.required("spec.selector", ""));
            return;
        }
        var labels = io.strata.kubernetes.selector.LabelSelector.labels(spec.path("template"));
        if (!io.strata.kubernetes.selector.LabelSelector.fromObject(selector).matches(labels)) {
            JsonNode l = spec.path("template").path("metadata").path("labels");
            errors.add(FieldError.invalid("spec.template.metadata.labels", mapText(l),
                    "`selector` does not match template `labels`"));
        }
    }

    private static String mapText(JsonNode labels) {
        StringBuilder s = new StringBuilder("map[");
        var keys = new java.util.TreeMap<String, String>();
        labels.properties().forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
        keys.forEach((k, v) -> s.append(s.length() > 4 ? " " : "").append(k).append(':').append(v));
        return s.append(']').toString();
    }

    private static void validatePodSpec(JsonNode spec, String path, List<FieldError> errors) {
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            errors.add(FieldError.required(path + ".containers", ""));
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            String p = path + ".containers[" + i + "]";
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                errors.add(FieldError.required(p + ".name", ""));
            } else {
                for (String problem : Names.labelErrors(name)) {
                    errors.add(FieldError.invalid(p + ".name", name, problem));
                }
                if (!names.add(name)) {
                    errors.add(new FieldError("FieldValueDuplicate", p + ".name", "Duplicate value: \"" + name + "\""));
                }
            }
            if (c.path("image").asText("").isBlank()) {
                errors.add(FieldError.required(p + ".image", ""));
            }
            JsonNode ports = c.path("ports");
            for (int j = 0; j < ports.size(); j++) {
                int port = ports.get(j).path("containerPort").asInt(0);
                if (port < 1 || port > 65535) {
                    errors.add(FieldError.invalid(p + ".ports[" + j + "].containerPort", port,
                            "must be between 1 and 65535, inclusive"));
                }
            }
        }
        String restart = spec.path("restartPolicy").asText("Always");
        if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
            errors.add(FieldError.notSupported(path + ".restartPolicy", restart, "Always", "OnFailure", "Never"));
        }
        io.strata.kubernetes.pods.PodSpecRules.validate(spec, path, errors); // volumes, mounts, probe thresholds
    }

    private static void validateService(JsonNode spec, List<FieldError> errors) {
        String type = spec.path("type").asText("ClusterIP");
        if (!List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName").contains(type)) {
            errors.add(FieldError.notSupported("spec.type", type, "ClusterIP", "ExternalName", "LoadBalancer",
                    "NodePort"));
        }
        JsonNode ports = spec.path("ports");
        boolean headless = "None".equals(spec.path("clusterIP").asText());
        if (!type.equals("ExternalName") && !headless && (!ports.isArray() || ports.isEmpty())) {
            errors.add(FieldError.required("spec.ports", ""));
        }
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i).path("port").asInt(0);
            if (port < 1 || port > 65535) {
                errors.add(FieldError.invalid("spec.ports[" + i + "].port", port, "must be between 1 and 65535, inclusive"));
            }
            if (ports.size() > 1 && ports.get(i).path("name").asText("").isEmpty()) {
                errors.add(FieldError.required("spec.ports[" + i + "].name", ""));
            }
        }
    }

    /** The child object {@code name} of {@code parent}, created when absent. */
    public static ObjectNode obj(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    /** The child array {@code name} of {@code parent}, created when absent. */
    public static ArrayNode array(ObjectNode parent, String name) {
        return parent.get(name) instanceof ArrayNode a ? a : parent.putArray(name);
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    private static void putIfAbsent(ObjectNode o, String field, int value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    private static void putIfAbsent(ObjectNode o, String field, boolean value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }
}
