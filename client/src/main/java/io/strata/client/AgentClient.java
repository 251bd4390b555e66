package io.strata.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.Offer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an agent's operator endpoints: {@code /state} (Mesos agent state JSON) and the sandbox file API
 * ({@code /files/read}, {@code /files/browse}). Blocking and thread-safe; failures throw
 * {@link StrataClientException}.
 */
public final class AgentClient {
    /** The port agents listen on when an address names none. */
    public static final int DEFAULT_PORT = 5051;
    private static final Pattern PID = Pattern.compile("[^@]*@([^:]+):(\\d+)");

    private final URI agent;
    private final HttpTransport transport;

    /** A client of the agent at {@code agent} (e.g. {@code http://agent1.example:5051}). */
    public AgentClient(URI agent, HttpTransport transport) {
        this.agent = MasterLocator.withoutTrailingSlash(agent);
        this.transport = transport;
    }

    /** The agent's base URL. */
    public URI agent() {
        return agent;
    }

    /**
     * The base URL of the agent that made an offer: {@code url.address} (ip, else hostname, and port), else the
     * offer's hostname on {@value #DEFAULT_PORT}.
     */
    public static URI baseUri(Offer offer) {
        if (offer.url() != null && offer.url().address() != null) {
            var address = offer.url().address();
            String host = address.ip() != null && !address.ip().isBlank() ? address.ip() : address.hostname();
            String scheme = offer.url().scheme() == null || offer.url().scheme().isBlank() ? "http"
                    : offer.url().scheme();
            if (host != null && !host.isBlank() && address.port() > 0) {
                return URI.create(scheme + "://" + host + ":" + address.port());
            }
        }
        return URI.create("http://" + offer.hostname() + ":" + DEFAULT_PORT);
    }

    /**
     * The base URL of an agent from the master's view of it: its {@code pid} ({@code slave(1)@ip:port}), else
     * {@code hostname} on {@value #DEFAULT_PORT}.
     */
    public static URI baseUri(String pid, String hostname) {
        if (pid != null) {
            Matcher m = PID.matcher(pid);
            if (m.matches()) {
                return URI.create("http://" + m.group(1) + ":" + m.group(2));
            }
        }
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("agent has neither a pid nor a hostname");
        }
        return URI.create("http://" + hostname + ":" + DEFAULT_PORT);
    }

    /** {@code GET /state}: frameworks, executors with their sandbox {@code directory}, and tasks. */
    public JsonNode state() {
        return MasterClient.parse(transport.get(URI.create(agent + "/state")));
    }

    /**
     * {@code GET /files/read?path=&offset=&length=}: up to {@code length} bytes of a sandbox file from
     * {@code offset}; offset -1 returns the file's size as the chunk's offset.
     *
     * @throws StrataClientException with {@link StrataClientException.Code#NOT_FOUND} when the file is absent
     */
    public FileChunk read(String path, long offset, long length) {
        if (offset < -1 || length <= 0) {
            throw new IllegalArgumentException("offset must be >= -1 and length positive: " + offset + ", " + length);
        }
        URI uri = URI.create(agent + "/files/read?path=" + encode(path) + "&offset=" + offset + "&length=" + length);
        HttpTransport.Reply reply = transport.get(uri);
        JsonNode json = MasterClient.parse(reply);
        if (!json.path("offset").canConvertToLong() || !json.path("data").isTextual()) {
            throw StrataClientException.protocol(uri, "/files/read reply lacks data or offset", null);
        }
        return new FileChunk(json.get("data").asText(), json.get("offset").asLong());
    }

    /** The size of a sandbox file in bytes ({@code /files/read} at offset -1). */
    public long size(String path) {
        return read(path, -1, 1).offset();
    }

    /** {@code GET /files/browse?path=}: the directory listing (an array of {path, size, mode, mtime, ...}). */
    public JsonNode browse(String path) {
        return MasterClient.parse(transport.get(URI.create(agent + "/files/browse?path=" + encode(path))));
    }

    /**
     * The sandbox directory of a task in an agent's {@code /state}: the {@code directory} of the executor that
     * runs (or ran) it, searching {@code frameworks[]} and {@code completed_frameworks[]}, their
     * {@code executors[]} and {@code completed_executors[]}, and each executor's {@code tasks},
     * {@code queued_tasks} and {@code completed_tasks}; an executor whose id is the task id (command tasks)
     * matches too.
     *
     * @param frameworkId the task's framework, or null to search all
     */
    public static Optional<String> sandboxDirectory(JsonNode agentState, String frameworkId, String taskId) {
        for (String frameworks : List.of("frameworks", "completed_frameworks")) {
            for (JsonNode framework : agentState.path(frameworks)) {
                if (frameworkId != null && !frameworkId.equals(framework.path("id").asText())) {
                    continue;
                }
                Optional<String> found = inFramework(framework, taskId);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inFramework(JsonNode framework, String taskId) {
        for (String executors : List.of("executors", "completed_executors")) {
            for (JsonNode executor : framework.path(executors)) {
                if (runsTask(executor, taskId) && executor.path("directory").isTextual()) {
                    return Optional.of(executor.get("directory").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean runsTask(JsonNode executor, String taskId) {
        if (taskId.equals(executor.path("id").asText())) {
            return true;
        }
        for (String tasks : List.of("tasks", "queued_tasks", "completed_tasks")) {
            for (JsonNode task : executor.path(tasks)) {
                if (taskId.equals(task.path("id").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
