package io.strata.testing.images;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image: layers plus the image config (Entrypoint, Cmd, Env, WorkingDir, User, ExposedPorts,
 * StopSignal, Labels, platform and {@code rootfs.diff_ids}). {@link #config()} and {@link #manifest(ImageFormat)}
 * give the exact bytes a registry serves, so tests can compare digests with what a puller computed. Immutable.
 */
public final class OciImage {
  private final Platform platform;
  private final List<Layer> layers;
  private final List<String> entrypoint;
  private final List<String> cmd;
  private final Map<String, String> env;
  private final String workingDir;
  private final String user;
  private final List<String> exposedPorts;
  private final String stopSignal;
  private final Map<String, String> labels;
  private final Blob config;

  private OciImage(Builder builder) {
    this.platform = builder.platform;
    this.layers = List.copyOf(builder.layers);
    this.entrypoint = builder.entrypoint == null ? null : List.copyOf(builder.entrypoint);
    this.cmd = builder.cmd == null ? null : List.copyOf(builder.cmd);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(builder.env));
    this.workingDir = builder.workingDir;
    this.user = builder.user;
    this.exposedPorts = List.copyOf(builder.exposedPorts);
    this.stopSignal = builder.stopSignal;
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.labels));
    this.config = new Blob(ImageFormat.OCI.configMediaType(), Json.bytes(configJson()));
  }

  /** A new builder for linux/amd64 with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding everything of this image, to add layers or change settings (a derived image). */
  public Builder toBuilder() {
    Builder builder = new Builder().platform(platform).layers(layers);
    builder.entrypoint = entrypoint;
    builder.cmd = cmd;
    builder.env.putAll(env);
    builder.workingDir = workingDir;
    builder.user = user;
    builder.exposedPorts.addAll(exposedPorts);
    builder.stopSignal = stopSignal;
    builder.labels.putAll(labels);
    return builder;
  }

  /** The same image declared for another platform (a different config, hence a different digest). */
  public OciImage withPlatform(Platform other) {
    return toBuilder().platform(other).build();
  }

  /** The config blob (OCI config media type; the Docker form has identical bytes). */
  public Blob config() {
    return config;
  }

  /** The config blob with the media type of {@code format}. */
  public Blob config(ImageFormat format) {
    return config.withMediaType(format.configMediaType());
  }

  /** The layers, lowest first. */
  public List<Layer> layers() {
    return layers;
  }

  /** The manifest in {@code format}: exact bytes, its media type and digest. */
  public Blob manifest(ImageFormat format) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", format.manifestMediaType());
    manifest.put("config", descriptor(format.configMediaType(), config));
    List<Object> layerDescriptors = new ArrayList<>();
    for (Layer layer : layers) {
      layerDescriptors.add(descriptor(format.layerMediaType(), layer.blob()));
    }
    manifest.put("layers", layerDescriptors);
    return new Blob(format.manifestMediaType(), Json.bytes(manifest));
  }

  /** The platform in the config. */
  public Platform platform() {
    return platform;
  }

  /** Entrypoint, empty when unset. */
  public Optional<List<String>> entrypoint() {
    return Optional.ofNullable(entrypoint);
  }

  /** Cmd, empty when unset. */
  public Optional<List<String>> cmd() {
    return Optional.ofNullable(cmd);
  }

  /** Environment by name, in the order first set. */
  public Map<String, String> env() {
    return env;
  }

  /** WorkingDir, empty when unset. */
  public Optional<String> workingDir() {
    return Optional.ofNullable(workingDir);
  }

  /** User ({@code name}, {@code uid} or {@code uid:gid}), empty when unset. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** Exposed ports such as {@code 80/tcp}. */
  public List<String> exposedPorts() {
    return exposedPorts;
  }

  /** StopSignal such as {@code SIGQUIT}, empty when unset. */
  public Optional<String> stopSignal() {
    return Optional.ofNullable(stopSignal);
  }

  /** Labels. */
  public Map<String, String> labels() {
    return labels;
  }

  static Map<String, Object> descriptor(String mediaType, Blob blob) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("size", blob.size());
    descriptor.put("digest", blob.digest());
    return descriptor;
  }

  private Map<String, Object> configJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("created", Layer.MODIFIED.toString());
    json.put("architecture", platform.architecture());
    if (platform.variant() != null) {
      json.put("variant", platform.variant());
    }
    json.put("os", platform.os());
    json.put("config", containerConfigJson());
    List<String> diffIds = layers.stream().map(Layer::diffId).toList();
    json.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
    List<Object> history = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      history.add(Map.of("created", Layer.MODIFIED.toString(), "created_by", "strata-testing layer " + i));
    }
    json.put("history", history);
    return json;
  }

  private Map<String, Object> containerConfigJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    putIfSet(json, "User", user);
    if (!exposedPorts.isEmpty()) {
      Map<String, Object> ports = new LinkedHashMap<>();
      exposedPorts.forEach(port -> ports.put(port, Map.of()));
      json.put("ExposedPorts", ports);
    }
    if (!env.isEmpty()) {
      json.put("Env", env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
    putIfSet(json, "Entrypoint", entrypoint);
    putIfSet(json, "Cmd", cmd);
    putIfSet(json, "WorkingDir", workingDir);
    if (!labels.isEmpty()) {
      json.put("Labels", labels);
    }
    putIfSet(json, "StopSignal", stopSignal);
    return json;
  }

  private static void putIfSet(Map<String, Object> json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  @Override
  public String toString() {
    return "OciImage[" + platform + ", config " + config.digest() + ", " + layers.size() + " layers]";
  }

  /** Collects layers and settings; {@link #build()} computes the config. Not thread-safe. */
  public static final class Builder {
    private Platform platform = Platform.LINUX_AMD64;
    private final List<Layer> layers = new ArrayList<>();
    private List<String> entrypoint;
    private List<String> cmd;
    private final Map<String, String> env = new LinkedHashMap<>();
    private String workingDir;
    private String user;
    private final List<String> exposedPorts = new ArrayList<>();
    private String stopSignal;
    private final Map<String, String> labels = new LinkedHashMap<>();

    private Builder() {}

    /** The platform written in the config (default linux/amd64). */
    public Builder platform(Platform value) {
      this.platform = Objects.requireNonNull(value, "platform");
      return this;
    }

    /** Adds a layer on top. */
    public Builder layer(Layer layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /** Adds layers on top, lowest first. */
    public Builder layers(List<Layer> more) {
      more.forEach(this::layer);
      return this;
    }

    /** Sets Entrypoint. */
    public Builder entrypoint(String... args) {
      this.entrypoint = List.of(args);
      return this;
    }

    /** Sets Cmd. */
    public Builder cmd(String... args) {
      this.cmd = List.of(args);
      return this;
    }

    /** Removes Cmd (unset, unlike an empty list). */
    public Builder clearCmd() {
      this.cmd = null;
      return this;
    }

    /** Sets an environment variable (replacing an earlier value of the same name, keeping its position). */
    public Builder env(String name, String value) {
      if (name == null || name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException("bad environment variable name: " + name);
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets WorkingDir. */
    public Builder workingDir(String value) {
      this.workingDir = value;
      return this;
    }

    /** Sets User: a name, {@code uid}, or {@code uid:gid}. */
    public Builder user(String value) {
      this.user = value;
      return this;
    }

    /** Adds an exposed port such as {@code 80/tcp}. */
    public Builder exposedPort(String port) {
      if (!port.matches("\\d+/(tcp|udp|sctp)")) {
        throw new IllegalArgumentException("exposed port must look like 80/tcp: " + port);
      }
      if (!exposedPorts.contains(port)) {
        exposedPorts.add(port);
      }
      return this;
    }

    /** Sets StopSignal such as {@code SIGQUIT}. */
    public Builder stopSignal(String value) {
      this.stopSignal = value;
      return this;
    }

    /** Sets a label. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Builds the image and its config. */
    public OciImage build() {
      return new OciImage(this);
    }
  }
}
