package io.strata.client.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The final Status of an exec stream as a client reads it: the Kubernetes Status JSON that the agent's exec endpoint
 * (and kubelet) send on channel 3 of {@code v5.channel.k8s.io}. {@code Success} means exit code 0; {@code Failure}
 * with reason {@code NonZeroExitCode} carries the command's exit code as its {@code ExitCode} cause; any other failure
 * (the command could not run) counts as exit code 1 with its message, as kubectl does.
 *
 * @param exitCode the command's exit code (1 when it did not run)
 * @param failure  why the command did not run, empty when it ran (whatever its exit code)
 */
public record ExecStatus(int exitCode, Optional<String> failure) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a channel 3 payload; a payload that is not a Status is a failure whose message is the payload. */
    public static ExecStatus parse(String statusJson) {
        JsonNode status;
        try {
            status = JSON.readTree(statusJson);
        } catch (JsonProcessingException e) {
            return new ExecStatus(1, Optional.of(statusJson));
        }
        if ("Success".equals(status.path("status").asText())) {
            return new ExecStatus(0, Optional.empty());
        }
        for (JsonNode cause : status.path("details").path("causes")) {
            if ("ExitCode".equals(cause.path("reason").asText())) {
                try {
                    return new ExecStatus(Integer.parseInt(cause.path("message").asText()), Optional.empty());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        String message = status.path("message").asText("");
        return new ExecStatus(1, Optional.of(message.isEmpty() ? statusJson : message));
    }
}
