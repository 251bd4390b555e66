package io.strata.agent.health;

import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The probe runners: each runs one check once, bounded by its timeout, and never throws. */
final class Probes {

    /** The address every probe targets: tasks share the host network. */
    static final String HOST = "127.0.0.1";
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Runs one probe. */
    @FunctionalInterface
    interface Probe {
        ProbeResult run(Duration timeout);
    }

    private Probes() {
    }

    /** Returns the probe for a spec; command probes run in {@code sandbox} with {@code env}. */
    static Probe of(HealthCheckSpec spec, Path sandbox, Map<String, String> env) {
        return switch (spec) {
            case HealthCheckSpec.Command command -> timeout -> command(command.shellCommand(), sandbox, env, timeout);
            case HealthCheckSpec.Http http -> timeout -> http(http, timeout);
            case HealthCheckSpec.Tcp tcp -> timeout -> tcp(tcp.port(), timeout);
        };
    }

    /** {@code /bin/sh -c shellCommand} in {@code sandbox} with exactly {@code env} (and a default PATH). */
    private static ProcessBuilder shell(String shellCommand, Path sandbox, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", shellCommand).directory(sandbox.toFile());
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("PATH", DEFAULT_PATH);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    static ProbeResult command(String shellCommand, Path sandbox, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = shell(shellCommand, sandbox, env)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return ProbeResult.failed("command timed out after " + timeout.toMillis() + " ms");
            }
            int exit = process.exitValue();
            return exit == 0 ? ProbeResult.ok("command exited 0")
                    : ProbeResult.failed("command exited " + exit);
        } catch (IOException e) {
            return ProbeResult.failed("command could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed("command interrupted");
        }
    }

    /**
     * Runs a general check once and returns its raw result: a command's exit code (none on a timeout), an HTTP
     * status code (none without a response), whether a TCP connect succeeded. A command standing for an HTTP check
     * prints the status code; one standing for a TCP check exits 0 when connected.
     */
    static CheckStatusInfo check(CheckSpec spec, Path sandbox, Map<String, String> env, Duration timeout) {
        CheckInfo.Type type = spec.type();
        return switch (spec.probe()) {
            case HealthCheckSpec.Command c -> {
                Outcome outcome = run(c.shellCommand(), sandbox, env, timeout);
                yield switch (type) {
                    case COMMAND -> new CheckStatusInfo(type, new CheckStatusInfo.Command(outcome.exitCode()), null,
                            null);
                    case HTTP -> new CheckStatusInfo(type, null, new CheckStatusInfo.Http(
                            Integer.valueOf(0).equals(outcome.exitCode()) ? statusCode(outcome.output()) : null), null);
                    case TCP, UNKNOWN -> new CheckStatusInfo(type, null, null, new CheckStatusInfo.Tcp(
                            Integer.valueOf(0).equals(outcome.exitCode())));
                };
            }
            case HealthCheckSpec.Http h -> new CheckStatusInfo(type, null, new CheckStatusInfo.Http(status(h, timeout)),
                    null);
            case HealthCheckSpec.Tcp t -> new CheckStatusInfo(type, null, null,
                    new CheckStatusInfo.Tcp(tcp(t.port(), timeout).success()));
        };
    }

    /** A command's exit code (null when it timed out or could not start) and the start of its output. */
    record Outcome(Integer exitCode, String output) {
    }

    static Outcome run(String shellCommand, Path sandbox, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = shell(shellCommand, sandbox, env).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // the output is small (a status code); read it on the side so a chatty command cannot block on a pipe
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> readSome(process.getInputStream()), r -> Thread.ofVirtual().start(r));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Outcome(null, "");
            }
            return new Outcome(process.exitValue(), output.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Outcome(null, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "");
        }
    }

    private static String readSome(InputStream in) {
        try (in) {
            byte[] head = in.readNBytes(4096);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(head, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Integer statusCode(String output) {
        String line = output.strip().lines().findFirst().orElse("");
        try {
            int code = Integer.parseInt(line.strip());
            return code >= 100 && code <= 599 ? code : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The status code of an HTTP GET, or null without a response. */
    private static Integer status(HealthCheckSpec.Http spec, Duration timeout) {
        return get(spec, timeout).status();
    }

    /** An HTTP GET's status (null without a response) and a message describing it. */
    private record Response(Integer status, String message) {
    }

    static ProbeResult http(HealthCheckSpec.Http spec, Duration timeout) {
        Response response = get(spec, timeout);
        return response.status() != null && spec.healthyStatus(response.status()) ? ProbeResult.ok(response.message())
                : ProbeResult.failed(response.message());
    }

    private static Response get(HealthCheckSpec.Http spec, Duration timeout) {
        String url = spec.scheme() + "://" + HOST + ":" + spec.port() + spec.path();
        HttpURLConnection connection = null;
        try {
            URLConnection opened = URI.create(url).toURL().openConnection();
            connection = (HttpURLConnection) opened;
            if (connection instanceof HttpsURLConnection https) {
                // Mesos does not verify certificates of health-checked tasks (they are self-signed as a rule).
                https.setSSLSocketFactory(trustAll());
                https.setHostnameVerifier((host, session) -> true);
            }
            int millis = (int) Math.max(1, timeout.toMillis());
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            drain(connection);
            return new Response(status, "HTTP " + status + " from " + url);
        } catch (IOException | IllegalArgumentException e) {
            return new Response(null, "HTTP GET " + url + " failed: " + e.getMessage());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static ProbeResult tcp(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) Math.max(1, timeout.toMillis()));
            return ProbeResult.ok("TCP connect to " + HOST + ":" + port + " succeeded");
        } catch (IOException e) {
            return ProbeResult.failed("TCP connect to " + HOST + ":" + port + " failed: " + e.getMessage());
        }
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream body = connection.getResponseCode() >= 400 ? connection.getErrorStream()
                : connection.getInputStream()) {
            if (body != null) {
                body.readNBytes(64 * 1024);
            }
        } catch (IOException e) {
            // The status is all we need; an unreadable body does not change it.
        }
    }

    private static SSLSocketFactory trustAll() throws IOException {
        TrustManager trustEverything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustEverything}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS", e);
        }
    }
}
