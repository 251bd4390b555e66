package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.resources.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the pod runtime can run, checked when a pod (or a pod template) is created or updated, with upstream's field
 * paths and words (pure): volumes (a name, exactly one source, and only emptyDir, configMap and secret sources;
 * {@code defaultMode} and {@code items[].mode} between 0 and 0777), volumeMounts (a declared volume, an absolute unique mountPath, a relative subPath without {@code ..}), and probe
 * successThreshold (at least 1; exactly 1 for liveness and startup probes).
 */
public final class PodSpecRules {
    /** The largest file mode of a configMap or secret volume's files. */
    private static final int MAX_FILE_MODE = 0777;
    /** Upstream's detail for a file mode out of range. */
    private static final String FILE_MODE_MESSAGE = "must be a number between 0 and 0777 (octal), both inclusive";
    /** The volume sources the runtime supports. */
    static final List<String> SUPPORTED = List.of("configMap", "emptyDir", "secret");
    /** Every volume source upstream knows (so that a known but unsupported one is named as such). */
    private static final Set<String> SOURCES = Set.of("awsElasticBlockStore", "azureDisk", "azureFile", "cephfs",
            "cinder", "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "fc", "flexVolume", "flocker",
            "gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "image", "iscsi", "nfs", "persistentVolumeClaim",
            "photonPersistentDisk", "portworxVolume", "projected", "quobyte", "rbd", "scaleIO", "secret", "storageos",
            "vsphereVolume");

    private PodSpecRules() {
    }

    /** Adds the problems of pod spec {@code spec} (at field path {@code path}, e.g. {@code spec}) to {@code errors}. */
    public static void validate(JsonNode spec, String path, List<FieldError> errors) {
        Set<String> volumes = volumes(spec.path("volumes"), path + ".volumes", errors);
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                String at = path + "." + list + "[" + i + "]";
                mounts(containers.get(i).path("volumeMounts"), at + ".volumeMounts", volumes, errors);
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    successThreshold(containers.get(i).path(probe), at + "." + probe, !probe.equals("readinessProbe"),
                            errors);
                }
            }
        }
    }

    private static Set<String> volumes(JsonNode volumes, String path, List<FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode v = volumes.get(i);
            String at = path + "[" + i + "]";
            String name = v.path("name").asText("");
            if (name.isEmpty()) {
                errors.add(FieldError.required(at + ".name", ""));
            } else if (!names.add(name)) {
                errors.add(new FieldError("FieldValueDuplicate", at + ".name", "Duplicate value: \"" + name + "\""));
            }
            List<String> sources = v.properties().stream().map(Map.Entry::getKey).filter(SOURCES::contains).toList();
            if (sources.isEmpty()) {
                errors.add(FieldError.required(at, "must specify a volume type"));
            } else if (sources.size() > 1) {
                errors.add(FieldError.forbidden(at + "." + sources.get(1), "may not specify more than 1 volume type"));
            } else if (!SUPPORTED.contains(sources.get(0))) {
                errors.add(FieldError.notSupported(at, sources.get(0), SUPPORTED.toArray(String[]::new)));
            } else if (!sources.get(0).equals("emptyDir")) {
                String source = at + "." + sources.get(0);
                fileMode(v.path(sources.get(0)).path("defaultMode"), source + ".defaultMode", errors);
                items(v.path(sources.get(0)).path("items"), source + ".items", errors);
            }
        }
        return names;
    }

    private static void items(JsonNode items, String path, List<FieldError> errors) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.path("key").asText("").isEmpty()) {
                errors.add(FieldError.required(path + "[" + i + "].key", ""));
            }
            fileMode(item.path("mode"), path + "[" + i + "].mode", errors);
            String p = item.path("path").asText("");
            if (p.isEmpty()) {
                errors.add(FieldError.required(path + "[" + i + "].path", ""));
            } else {
                relative(p, path + "[" + i + "].path", errors);
            }
        }
    }

    /** A file mode ({@code defaultMode}, {@code items[].mode}), when given, is 0..0777 as upstream requires. */
    private static void fileMode(JsonNode mode, String field, List<FieldError> errors) {
        if (mode.isMissingNode() || mode.isNull()) {
            return;
        }
        if (!mode.canConvertToInt() || !mode.isIntegralNumber() || mode.asInt() < 0 || mode.asInt() > MAX_FILE_MODE) {
            errors.add(FieldError.invalid(field, mode.isIntegralNumber() ? (Object) mode.asLong() : mode.asText(),
                    FILE_MODE_MESSAGE));
        }
    }

    private static void mounts(JsonNode mounts, String path, Set<String> volumes, List<FieldError> errors) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode m = mounts.get(i);
            String at = path + "[" + i + "]";
            String name = m.path("name").asText("");
            if (name.isEmpty()) {
                errors.add(FieldError.required(at + ".name", ""));
            } else if (!volumes.contains(name)) {
                errors.add(new FieldError("FieldValueNotFound", at + ".name", "Not found: \"" + name + "\""));
            }
            String mountPath = m.path("mountPath").asText("");
            if (mountPath.isEmpty()) {
                errors.add(FieldError.required(at + ".mountPath", ""));
            } else if (!mountPath.startsWith("/")) {
                errors.add(FieldError.invalid(at + ".mountPath", mountPath, "must be an absolute path"));
            } else if (!paths.add(mountPath)) {
                errors.add(FieldError.invalid(at + ".mountPath", mountPath, "must be unique"));
            }
            String subPath = m.path("subPath").asText("");
            if (!subPath.isEmpty()) {
                relative(subPath, at + ".subPath", errors);
            }
        }
    }

    private static void relative(String p, String field, List<FieldError> errors) {
        if (p.startsWith("/")) {
            errors.add(FieldError.invalid(field, p, "must be a relative path"));
        } else if (List.of(p.split("/")).contains("..")) {
            errors.add(FieldError.invalid(field, p, "must not contain '..'"));
        }
    }

    private static void successThreshold(JsonNode probe, String path, boolean mustBeOne, List<FieldError> errors) {
        if (!probe.has("successThreshold")) {
            return;
        }
        int n = probe.path("successThreshold").asInt(0);
        if (n < 1) {
            errors.add(FieldError.invalid(path + ".successThreshold", n, "must be greater than or equal to 1"));
        } else if (mustBeOne && n != 1) {
            errors.add(FieldError.invalid(path + ".successThreshold", n, "must be 1"));
        }
    }
}
