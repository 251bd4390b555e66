package io.strata.testing.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.Deflater;

/**
 * The stock test images, built from binaries installed on this machine (no Docker, no network) and cached for the
 * JVM's lifetime. {@code bin/test} installs their Debian packages; tests check {@link #busyboxInstalled()} and
 * {@link #nginxInstalled()} first.
 *
 * <ul>
 *   <li>{@link #busybox()}: static busybox with its applets as symlinks in /bin, root and nobody; Cmd {@code sh}.
 *   <li>{@link #nginx()}: busybox plus nginx and its libraries; like the official image it listens on port 80 by
 *       default, or on {@code $PORT} when set (for host networking).
 *   <li>{@link #large(int)}: busybox plus random, incompressible files for pull benchmarks.
 * </ul>
 */
public final class TestImages {
  /** Debian busybox-static's binary. */
  public static final Path BUSYBOX = Path.of("/bin/busybox");
  /** Debian nginx-light's binary. */
  public static final Path NGINX = Path.of("/usr/sbin/nginx");
  /** The PATH every test image sets. */
  public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final Path NGINX_MIME_TYPES = Path.of("/etc/nginx/mime.types");
  private static final Path NGINX_INDEX = Path.of("/usr/share/nginx/html/index.html");
  private static final int MEBIBYTE = 1 << 20;
  private static final int LARGE_FILE_BYTES = 4 * MEBIBYTE;
  private static final Map<String, OciImage> CACHE = new HashMap<>();

  private TestImages() {}

  /** Whether {@link #busybox()} can be built. */
  public static boolean busyboxInstalled() {
    return Files.isExecutable(BUSYBOX);
  }

  /** Whether {@link #nginx()} can be built. */
  public static boolean nginxInstalled() {
    return busyboxInstalled() && Files.isExecutable(NGINX) && Files.isRegularFile(NGINX_MIME_TYPES);
  }

  /**
   * busybox: one layer with /bin/busybox, a symlink per applet ({@code busybox --list}), /etc/passwd and /etc/group
   * (root, nobody), /tmp (1777); Env PATH, WorkingDir /, Cmd {@code ["sh"]}.
   */
  public static OciImage busybox() {
    return cached("busybox", key -> OciImage.builder()
        .layer(busyboxLayer())
        .env("PATH", PATH)
        .workingDir("/")
        .cmd("sh")
        .build());
  }

  /**
   * nginx: busybox plus a second layer with /usr/sbin/nginx and every library {@code ldd} lists (copied to the same
   * paths, loader included), /etc/nginx/mime.types, a config template, /usr/share/nginx/html/index.html ("Welcome to
   * nginx!"), passwd and group with nobody, nogroup and www-data, and {@code /docker-entrypoint.sh}, which renders
   * the config ({@code listen ${PORT:-80}}, pid and temp files under /tmp, errors to stderr, access log to stdout)
   * and runs {@code nginx -g 'daemon off;'}. Entrypoint {@code ["/docker-entrypoint.sh"]}, Cmd
   * {@code ["nginx", "-g", "daemon off;"]}, ExposedPorts 80/tcp, StopSignal SIGQUIT.
   *
   * <p>Running it needs a writable /tmp and the SETUID, SETGID and CHOWN capabilities (the workers run as www-data),
   * as with Docker's default capability set.
   */
  public static OciImage nginx() {
    return cached("nginx", key -> busybox().toBuilder()
        .layer(nginxLayer())
        .entrypoint("/docker-entrypoint.sh")
        .cmd("nginx", "-g", "daemon off;")
        .exposedPort("80/tcp")
        .stopSignal("SIGQUIT")
        .build());
  }

  /**
   * busybox plus about {@code megabytes} MiB of seeded random (incompressible) data in up to four layers of 4 MiB
   * files under /data, gzip-wrapped as stored (uncompressed) deflate blocks. The same size always gives the same
   * digests.
   */
  public static OciImage large(int megabytes) {
    if (megabytes < 1) {
      throw new IllegalArgumentException("megabytes must be positive: " + megabytes);
    }
    return cached("large-" + megabytes, key -> {
      OciImage.Builder image = busybox().toBuilder();
      SplittableRandom random = new SplittableRandom(0x5752A7AL + megabytes);
      int layerCount = Math.min(4, megabytes);
      long remaining = (long) megabytes * MEBIBYTE;
      for (int layer = 0; layer < layerCount; layer++) {
        long layerBytes = layer == layerCount - 1 ? remaining : remaining / (layerCount - layer);
        remaining -= layerBytes;
        image.layer(randomLayer(random, layer, layerBytes));
      }
      return image.label("io.strata.testing.size-mib", Integer.toString(megabytes)).build();
    });
  }

  /** Builds each image once per JVM; nested builds (nginx on busybox) re-enter the same monitor. */
  private static synchronized OciImage cached(String key, Function<String, OciImage> build) {
    OciImage image = CACHE.get(key);
    if (image == null) {
      image = build.apply(key);
      CACHE.put(key, image);
    }
    return image;
  }

  private static Layer randomLayer(SplittableRandom random, int index, long bytes) {
    // random bytes do not compress: stored deflate blocks give the same size in 1% of the time (zlib's fastest
    // level spends about 7 s on 50 MB of them here)
    Layer.Builder layer = Layer.builder().compressionLevel(Deflater.NO_COMPRESSION)
        .directories("data/", "data/layer-" + index + "/");
    int file = 0;
    for (long left = bytes; left > 0; left -= LARGE_FILE_BYTES, file++) {
      byte[] content = new byte[(int) Math.min(left, LARGE_FILE_BYTES)];
      random.nextBytes(content);
      layer.file("data/layer-" + index + "/file-" + file + ".bin", content, 0644);
    }
    return layer.build();
  }

  private static Layer busyboxLayer() {
    Layer.Builder layer = Layer.builder().directories("bin/", "dev/", "etc/", "proc/", "sys/", "usr/", "var/")
        .directory("root/", 0700)
        .directory("tmp/", 01777)
        .file("bin/busybox", read(BUSYBOX), 0755);
    for (String applet : busyboxApplets()) {
      layer.symlink("bin/" + applet, "busybox");
    }
    // a dynamically linked busybox (Debian's non-static package) still runs when its libraries come along
    addFilesWithParents(layer, LinkedLibraries.of(BUSYBOX), new TreeSet<>(List.of("bin", "usr", "var")));
    return layer
        .file("etc/passwd", """
            root:x:0:0:root:/root:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/bin/false
            """, 0644)
        .file("etc/group", """
            root:x:0:
            nobody:x:65534:
            """, 0644)
        .build();
  }

  private static List<String> busyboxApplets() {
    try {
      Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
      String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (list.waitFor() != 0) {
        throw new IllegalStateException(BUSYBOX + " --list failed: " + output);
      }
      return output.lines().map(String::strip)
          .filter(name -> !name.isEmpty() && !name.equals("busybox") && !name.contains("/"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("running " + BUSYBOX + " --list", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running busybox --list", e);
    }
  }

  private static Layer nginxLayer() {
    // most of the 12 MB are libraries: the fastest gzip level halves the build time for 30% more bytes
    Layer.Builder layer = Layer.builder().compressionLevel(Deflater.BEST_SPEED);
    List<String> binaries = new ArrayList<>();
    binaries.add(NGINX.toString());
    binaries.addAll(LinkedLibraries.of(NGINX));
    // parents the busybox layer already has are not repeated
    addFilesWithParents(layer, binaries, new TreeSet<>(List.of("bin", "dev", "etc", "proc", "sys", "usr", "var")));
    return layer
        .directories("etc/nginx/", "usr/share/", "usr/share/nginx/", "usr/share/nginx/html/", "var/lib/",
            "var/lib/nginx/", "var/log/", "var/log/nginx/")
        .file("etc/nginx/mime.types", read(NGINX_MIME_TYPES), 0644)
        .file("etc/nginx/nginx.conf.template", NGINX_CONF_TEMPLATE, 0644)
        .file("usr/share/nginx/html/index.html", indexHtml(), 0644)
        .file("docker-entrypoint.sh", NGINX_ENTRYPOINT, 0755)
        .file("etc/passwd", """
            root:x:0:0:root:/root:/bin/sh
            www-data:x:33:33:www-data:/var/www:/bin/false
            nobody:x:65534:65534:nobody:/nonexistent:/bin/false
            """, 0644)
        .file("etc/group", """
            root:x:0:
            www-data:x:33:
            nogroup:x:65534:
            nobody:x:65534:
            """, 0644)
        .build();
  }

  /** Adds host files (symlinks followed, like {@code cp -L}) at the same paths, parents first. */
  private static void addFilesWithParents(Layer.Builder layer, List<String> absolutePaths, TreeSet<String> existing) {
    for (String absolute : absolutePaths) {
      String path = absolute.substring(1);
      List<String> parents = new ArrayList<>();
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        parents.add(path.substring(0, slash));
      }
      for (String parent : parents) {
        if (existing.add(parent)) {
          layer.directory(parent + "/", 0755);
        }
      }
      layer.file(path, read(Path.of(absolute)), 0755);
    }
  }

  private static byte[] indexHtml() {
    if (Files.isRegularFile(NGINX_INDEX)) {
      return read(NGINX_INDEX);
    }
    return "<!DOCTYPE html>\n<html><body><h1>Welcome to nginx!</h1></body></html>\n".getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + " (is its Debian package installed?)", e);
    }
  }

  private static final String NGINX_CONF_TEMPLATE = """
      # rendered by /docker-entrypoint.sh: __PORT__ becomes ${PORT:-80}
      user www-data www-data;
      worker_processes 1;
      pid /tmp/nginx.pid;
      error_log stderr;
      events {
        worker_connections 256;
      }
      http {
        include /etc/nginx/mime.types;
        default_type application/octet-stream;
        access_log /dev/stdout;
        client_body_temp_path /tmp/nginx-body;
        proxy_temp_path /tmp/nginx-proxy;
        fastcgi_temp_path /tmp/nginx-fastcgi;
        uwsgi_temp_path /tmp/nginx-uwsgi;
        scgi_temp_path /tmp/nginx-scgi;
        server {
          listen __PORT__;
          server_name localhost;
          location / {
            root /usr/share/nginx/html;
            index index.html;
          }
        }
      }
      """;

  private static final String NGINX_ENTRYPOINT = """
      #!/bin/sh
      # Like the official nginx image's entrypoint: render the config from the environment, then run the command.
      set -e
      sed "s/__PORT__/${PORT:-80}/g" /etc/nginx/nginx.conf.template > /tmp/nginx.conf
      [ "$#" -gt 0 ] || set -- nginx -g 'daemon off;'
      if [ "$1" = nginx ]; then
        shift
        set -- nginx -c /tmp/nginx.conf -e stderr "$@"
      fi
      exec "$@"
      """;
}
