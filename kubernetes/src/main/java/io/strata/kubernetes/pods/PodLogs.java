package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.AgentClient;
import io.strata.client.FileChunk;
import io.strata.client.HttpTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves {@code pods/log}: reads a container task's {@code stdout} from its agent's sandbox through the agent's
 * {@code /files/read} API ({@link AgentClient}); {@code follow} keeps reading until the task ends or the client
 * goes away; {@code previous} reads the attempt before the current one.
 */
public final class PodLogs {
    private static final long CHUNK = 64 * 1024;

    private final HttpTransport transport = HttpTransport.create();

    /** Where a container's output lives: the agent, the framework and the task. */
    public record Source(URI agent, String frameworkId, String taskId) {
    }

    /** Thrown when the log cannot be found (400 as upstream: the container has not started, ...). */
    public static final class NotAvailable extends RuntimeException {
        /** A reason in upstream's words. */
        public NotAvailable(String message) {
            super(message);
        }
    }

    /**
     * Copies the log to {@code out}; with {@code follow}, polls for more while {@code alive} says the task runs.
     *
     * @throws NotAvailable when the sandbox is unknown to the agent
     */
    public void copy(Source source, boolean follow, java.util.function.BooleanSupplier alive, OutputStream out)
            throws IOException {
        AgentClient agent = new AgentClient(source.agent(), transport);
        JsonNode state = agent.state();
        Optional<String> dir = AgentClient.sandboxDirectory(state, source.frameworkId(), source.taskId());
        if (dir.isEmpty()) {
            throw new NotAvailable("container log of task " + source.taskId() + " is not available");
        }
        String path = dir.get() + "/tasks/" + source.taskId() + "/stdout";
        long offset = 0;
        while (true) {
            FileChunk chunk = agent.read(path, offset, CHUNK);
            byte[] bytes = chunk.data().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                out.write(bytes);
                out.flush();
                offset += chunk.data().length();
                continue;
            }
            if (!follow || !alive.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
