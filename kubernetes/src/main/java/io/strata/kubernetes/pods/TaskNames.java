package io.strata.kubernetes.pods;

import java.util.Optional;

/**
 * The Mesos ids of a pod's group: executor {@code k8s__<namespace>__<pod>__<attempt>} and one task per container
 * {@code k8s__<namespace>__<pod>__<attempt>__<container>}. Kubernetes names never contain {@code _}, so the ids
 * decode without any stored state (after a failover the running tasks are found again from their ids).
 */
public record TaskNames(String namespace, String pod, int attempt, String container) {

    private static final String SEP = "__";

    /** The executor id of the group. */
    public String executorId() {
        return "k8s" + SEP + namespace + SEP + pod + SEP + attempt;
    }

    /** The task id of the container (needs a container). */
    public String taskId() {
        return executorId() + SEP + container;
    }

    /** The names of a pod's container in one attempt. */
    public static TaskNames of(String namespace, String pod, int attempt, String container) {
        return new TaskNames(namespace, pod, attempt, container);
    }

    /** Decodes a task id made by {@link #taskId()}; empty for other ids. */
    public static Optional<TaskNames> parse(String taskId) {
        String[] parts = taskId.split(SEP, -1);
        if (parts.length != 5 || !parts[0].equals("k8s")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TaskNames(parts[1], parts[2], Integer.parseInt(parts[3]), parts[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
