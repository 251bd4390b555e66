package io.strata.dashboard.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.AgentClient;
import io.strata.client.FileChunk;
import io.strata.client.StrataClientException;
import io.strata.dashboard.upstream.MasterEndpoint;
import io.strata.server.ApiException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a task's sandbox file server-side, as {@code strata task log} does: the task's agent comes from the
 * master's {@code /master/state}, its sandbox directory from the agent's {@code /state}, the bytes from the agent's
 * {@code /files/read}. Browsers cannot reach agents through the admin router, hence this endpoint.
 *
 * <p>An offset below 0 asks for the tail: the last {@value #TAIL_BYTES} bytes. Where a task's file lives is
 * remembered (a sandbox does not move), so polling costs one agent request. Errors are {@link ApiException}s:
 * 400 for a bad file name, 404 for an unknown task or a sandbox not created yet, 502 for an unreachable agent.
 */
public final class TaskLogReader {
    /** Bytes returned when the tail is asked for. */
    public static final int TAIL_BYTES = 16 * 1024;
    /** Bytes returned at most per read. */
    public static final int CHUNK_BYTES = 64 * 1024;
    /** The sandbox files a browser may read. */
    public static final Set<String> FILES = Set.of("stdout", "stderr");
    private static final int MAX_REMEMBERED = 1000;

    private record Location(URI agent, String path) {
    }

    private final MasterEndpoint master;
    private final Map<String, Location> locations = new ConcurrentHashMap<>();

    /** A reader finding tasks through {@code master}. */
    public TaskLogReader(MasterEndpoint master) {
        this.master = master;
    }

    /** Reads {@code file} of {@code taskId} from {@code offset} (or its tail when offset is negative). */
    public LogChunk read(String taskId, String file, long offset) {
        if (!FILES.contains(file)) {
            throw ApiException.badRequest("file must be one of " + FILES.stream().sorted().toList() + ", not '"
                    + file + "'");
        }
        Location location = locate(taskId, file);
        AgentClient agent = new AgentClient(location.agent(), master.transport());
        try {
            long start = offset;
            if (start < 0) {
                start = Math.max(0, agent.size(location.path()) - TAIL_BYTES);
            }
            FileChunk chunk = agent.read(location.path(), start, CHUNK_BYTES);
            return new LogChunk(taskId, file, location.agent().toString(), chunk.data(), chunk.offset(),
                    chunk.end());
        } catch (StrataClientException e) {
            locations.remove(key(taskId, file));
            throw agentError(taskId, location.agent(), e);
        }
    }

    private Location locate(String taskId, String file) {
        Location known = locations.get(key(taskId, file));
        if (known != null) {
            return known;
        }
        JsonNode state;
        try {
            state = master.getJson("/master/state");
        } catch (StrataClientException e) {
            throw new ApiException(502, "cannot read the master's state: " + e.getMessage());
        }
        JsonNode task = findTask(state, taskId)
                .orElseThrow(() -> ApiException.notFound("no task '" + taskId + "' is known to the master"));
        String agentId = task.path("slave_id").asText("");
        JsonNode agentNode = findAgent(state, agentId).orElseThrow(() -> ApiException.notFound(
                "the agent " + agentId + " of task '" + taskId + "' is no longer registered"));
        URI agentUri = AgentClient.baseUri(agentNode.path("pid").asText(null), agentNode.path("hostname").asText(""));
        AgentClient agent = new AgentClient(agentUri, master.transport());
        String directory;
        try {
            directory = AgentClient.sandboxDirectory(agent.state(), task.path("framework_id").asText(null), taskId)
                    .orElseThrow(() -> ApiException.notFound("the sandbox of task '" + taskId
                            + "' is not on agent " + agentUri + " (yet)"));
        } catch (StrataClientException e) {
            throw agentError(taskId, agentUri, e);
        }
        Location location = new Location(agentUri, directory + "/" + file);
        if (locations.size() >= MAX_REMEMBERED) {
            locations.clear();
        }
        locations.put(key(taskId, file), location);
        return location;
    }

    /** The task in the master's state: running tasks first, then completed ones, of any framework. */
    static Optional<JsonNode> findTask(JsonNode state, String taskId) {
        for (String frameworks : new String[] {"frameworks", "completed_frameworks"}) {
            for (JsonNode framework : state.path(frameworks)) {
                for (String tasks : new String[] {"tasks", "unreachable_tasks", "completed_tasks"}) {
                    for (JsonNode task : framework.path(tasks)) {
                        if (taskId.equals(task.path("id").asText())) {
                            return Optional.of(task);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> findAgent(JsonNode state, String agentId) {
        for (JsonNode agent : state.path("slaves")) {
            if (agentId.equals(agent.path("id").asText())) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }

    private static ApiException agentError(String taskId, URI agent, StrataClientException e) {
        if (e.code() == StrataClientException.Code.NOT_FOUND) {
            return ApiException.notFound("the sandbox file of task '" + taskId + "' is not on agent " + agent);
        }
        return new ApiException(502, "cannot read the sandbox of task '" + taskId + "' on agent " + agent + ": "
                + e.getMessage());
    }

    private static String key(String taskId, String file) {
        return taskId + "\n" + file;
    }
}
