package io.strata.agent.image;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime part of an OCI/Docker image configuration ({@code config} of the image config JSON): what a
 * container started from the image runs by default.
 *
 * @param entrypoint {@code Entrypoint}, empty when unset
 * @param cmd {@code Cmd}, empty when unset
 * @param env {@code Env} as {@code NAME=value} strings, in image order
 * @param workingDir {@code WorkingDir}, empty for {@code /}
 * @param user {@code User} ({@code name}, {@code uid}, {@code uid:gid}...), empty for root
 * @param stopSignal {@code StopSignal} (e.g. {@code SIGQUIT}), empty for SIGTERM
 * @param exposedPorts {@code ExposedPorts} keys such as {@code 80/tcp}
 * @param labels {@code Labels}
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user,
                          String stopSignal, Set<String> exposedPorts, Map<String, String> labels) {
    public ImageConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        stopSignal = stopSignal == null ? "" : stopSignal;
        exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
