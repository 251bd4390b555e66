package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.ContainerInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's {@code volumeMounts} as Mesos volumes of its task (pure, apart from the {@link PodTasks.Lookup}):
 * <ul>
 * <li>emptyDir: a directory {@code volumes/<name>} in the group's executor sandbox ({@code SANDBOX_PATH PARENT}),
 *     shared by every container of the pod, init containers included; subPath a directory below it;</li>
 * <li>configMap and secret: one file per key ({@code SECRET} volume by value), at {@code mountPath/<key or
 *     items[].path>}; with subPath, the one file (or the files below the directory) it names at mountPath. Always
 *     read-only, as upstream mounts them. Resolved when the pod's group is launched: a missing object or key that is
 *     not optional is a {@link PodTasks.ConfigError} with upstream's FailedMount message.</li>
 * </ul>
 * Image containers see the absolute mountPath; the host runtime's processes see the mounts below their sandbox
 * (mountPath without its leading {@code /}, relative to the working directory), since they share the host's file
 * system. Files get {@code items[].mode}, else the volume's {@code defaultMode}, else 0644, as upstream (the agent
 * writes them owned by root). Not supported: emptyDir medium Memory and sizeLimit (a directory on the agent's
 * disk).
 */
public final class PodVolumes {

    /** Upstream's defaultMode of configMap and secret volumes: 0644. */
    static final int DEFAULT_MODE = 0644;

    /** Where emptyDir volumes live in the executor sandbox. */
    static final String EMPTY_DIR_ROOT = "volumes";

    private PodVolumes() {
    }

    /**
     * The Mesos volumes of {@code container}.
     *
     * @param host whether the pod runs on the host runtime (container paths relative to the sandbox)
     * @throws PodTasks.ConfigError when a referenced ConfigMap, Secret or key is missing and not optional
     */
    public static List<ContainerInfo.Volume> of(JsonNode pod, JsonNode container, boolean host,
            PodTasks.Lookup lookup) {
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("spec").path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        List<ContainerInfo.Volume> out = new ArrayList<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            String name = mount.path("name").asText();
            JsonNode volume = volumes.get(name);
            if (volume == null) {
                throw new PodTasks.ConfigError("volume \"" + name + "\" is not declared in spec.volumes");
            }
            String target = target(mount.path("mountPath").asText(), host);
            String subPath = trimSlashes(mount.path("subPath").asText(""));
            boolean readOnly = mount.path("readOnly").asBoolean(false);
            if (volume.has("emptyDir")) {
                String path = EMPTY_DIR_ROOT + "/" + name + (subPath.isEmpty() ? "" : "/" + subPath);
                out.add(new ContainerInfo.Volume(target, null, readOnly ? "RO" : "RW",
                        new ContainerInfo.Volume.Source(ContainerInfo.Volume.SourceType.SANDBOX_PATH, null,
                                new ContainerInfo.Volume.SandboxPath(
                                        ContainerInfo.Volume.SandboxPath.SandboxType.PARENT, path), null)));
            } else if (volume.has("configMap")) {
                files(PodTasks.ns(pod), name, volume.path("configMap"), "configmaps", lookup).forEach((path, file) ->
                        place(out, target, subPath, path, file));
            } else if (volume.has("secret")) {
                JsonNode secret = volume.path("secret");
                files(PodTasks.ns(pod), name, secret, "secrets", lookup).forEach((path, file) ->
                        place(out, target, subPath, path, file));
            } else {
                throw new PodTasks.ConfigError("volume \"" + name + "\": only emptyDir, configMap and secret "
                        + "volumes are supported");
            }
        }
        return out;
    }

    /** A file at {@code target/path}, or, with a subPath, only the file(s) that subPath names. */
    private static void place(List<ContainerInfo.Volume> out, String target, String subPath, String path,
            KeyFile file) {
        String at;
        if (subPath.isEmpty()) {
            at = target + "/" + path;
        } else if (path.equals(subPath)) {
            at = target;
        } else if (path.startsWith(subPath + "/")) {
            at = target + "/" + path.substring(subPath.length() + 1);
        } else {
            return;
        }
        out.add(new ContainerInfo.Volume(at, null, "RO", new ContainerInfo.Volume.Source(
                ContainerInfo.Volume.SourceType.SECRET, null, null, new ContainerInfo.Volume.Secret(
                        ContainerInfo.Volume.Secret.SecretType.VALUE, null,
                        new ContainerInfo.Volume.Secret.Value(Base64.getEncoder().encodeToString(file.data())),
                        file.mode()))));
    }

    /**
     * One file of a configMap or secret volume: its bytes and permission bits ({@code items[].mode}, else the
     * volume's {@code defaultMode}, else upstream's default 0644).
     */
    record KeyFile(byte[] data, int mode) {
    }

    /**
     * The files of a configMap or secret volume source: relative path -> bytes and mode, every key or only
     * {@code items}. Upstream's messages: {@code configmap "x" not found}, {@code configmap references non-existent
     * config key: k}.
     */
    static Map<String, KeyFile> files(String namespace, String volume, JsonNode source, String resource,
            PodTasks.Lookup lookup) {
        boolean secret = resource.equals("secrets");
        String objectName = source.path(secret ? "secretName" : "name").asText();
        boolean optional = source.path("optional").asBoolean(false);
        Optional<JsonNode> object = lookup.get(resource, namespace, objectName);
        int defaultMode = source.path("defaultMode").asInt(DEFAULT_MODE);
        Map<String, KeyFile> data = new LinkedHashMap<>();
        if (object.isEmpty()) {
            if (optional) {
                return data;
            }
            throw mountFailed(volume, (secret ? "secret" : "configmap") + " \"" + objectName + "\" not found");
        }
        Map<String, byte[]> all = contents(object.get(), secret);
        if (!source.has("items") || source.path("items").isEmpty()) {
            all.forEach((key, bytes) -> data.put(key, new KeyFile(bytes, defaultMode)));
            return data;
        }
        for (JsonNode item : source.path("items")) {
            String key = item.path("key").asText();
            byte[] bytes = all.get(key);
            if (bytes == null) {
                if (optional) {
                    continue;
                }
                throw mountFailed(volume, (secret ? "secret" : "configmap") + " references non-existent "
                        + (secret ? "secret" : "config") + " key: " + key);
            }
            data.put(trimSlashes(item.path("path").asText(key)), new KeyFile(bytes,
                    item.path("mode").asInt(defaultMode)));
        }
        return data;
    }

    /** Every key of a ConfigMap ({@code data}, {@code binaryData}) or Secret ({@code data} base64, {@code stringData}). */
    private static Map<String, byte[]> contents(JsonNode object, boolean secret) {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        object.path("data").properties().forEach(e -> out.put(e.getKey(), secret
                ? decode(e.getValue().asText()) : e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        object.path(secret ? "stringData" : "binaryData").properties().forEach(e -> out.putIfAbsent(e.getKey(),
                secret ? e.getValue().asText().getBytes(StandardCharsets.UTF_8) : decode(e.getValue().asText())));
        return out;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static PodTasks.ConfigError mountFailed(String volume, String why) {
        return new PodTasks.ConfigError("MountVolume.SetUp failed for volume \"" + volume + "\" : " + why,
                "ContainerCreating", "FailedMount");
    }

    private static String target(String mountPath, boolean host) {
        String trimmed = mountPath.endsWith("/") && mountPath.length() > 1
                ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
        return host ? trimSlashes(trimmed) : trimmed;
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
