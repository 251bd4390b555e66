package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime state of one bound pod (mutable; used by one thread): the current attempt (one task group holding the
 * init containers, each started by the agent once the one before finished, and the app containers, started after the
 * last init container), its containers, restarts and back-off; {@link #apply} folds in a task status update and says what to do next, and
 * {@link #status} renders the pod's status as upstream's kubelet reports it. Pure: time is passed in.
 */
public final class PodRun {

    /** What the runtime must do after an update. */
    public enum Next { NOTHING, KILL_GROUP, RELAUNCH, DONE }

    /** The first back-off of CrashLoopBackOff and its ceiling, as upstream's kubelet. */
    static final Duration BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Pattern EXIT = Pattern.compile("exited with status (\\d+)");

    private final String namespace;
    private final String name;
    private final String uid;
    private final String restartPolicy;
    private final Map<String, ContainerRun> containers = new LinkedHashMap<>();
    /** Init containers, run one at a time before the app containers, in every attempt's group. */
    private final List<ContainerRun> inits = new ArrayList<>();
    /** Whether the init containers once all succeeded (upstream's Initialized stays True across restarts). */
    private boolean initialized;
    private boolean initFailed;
    /** Task ids of the current attempt that have not ended. */
    private final java.util.Set<String> live = new java.util.LinkedHashSet<>();
    private final String nodeName;
    private final String hostIp;
    private int attempt;
    private String agentId;
    private boolean launched;
    private boolean killing;
    private Instant startTime;
    private Instant notBefore = Instant.EPOCH;
    private int crashes;
    private HostPorts hostPorts;

    /** A run for a pod bound to {@code nodeName} whose agent has address {@code hostIp}. */
    public PodRun(JsonNode pod, String hostIp) {
        this.namespace = PodTasks.ns(pod);
        this.name = PodTasks.name(pod);
        this.uid = pod.path("metadata").path("uid").asText();
        this.restartPolicy = pod.path("spec").path("restartPolicy").asText("Always");
        this.nodeName = pod.path("spec").path("nodeName").asText();
        this.hostIp = hostIp;
        this.hostPorts = HostPorts.of(pod);
        for (JsonNode c : pod.path("spec").path("containers")) {
            containers.put(c.path("name").asText(), new ContainerRun(c.path("name").asText(),
                    c.path("image").asText(), Probes.startupGated(c), Probes.readinessChecked(c),
                    Probes.kind(c).orElse(null)));
        }
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            inits.add(new ContainerRun(c.path("name").asText(), c.path("image").asText(), false, false, null));
        }
        // after a failover: a pod that reported Initialized has run its init containers
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Initialized") && c.path("status").asText().equals("True")) {
                initialized = true;
            }
        }
    }

    /** Whether the init containers have not all succeeded yet (the pod is not Initialized). */
    public boolean initializing() {
        return !initialized && !inits.isEmpty();
    }

    /** Every container of a group: the init containers, then the app containers. */
    private Map<String, ContainerRun> current() {
        Map<String, ContainerRun> all = new LinkedHashMap<>();
        inits.forEach(c -> all.put(c.name, c));
        all.putAll(containers);
        return all;
    }

    /**
     * The pod as the next group must run it: the pod itself, init containers included. Each group is a new pod
     * sandbox (network namespace, emptyDir volumes), so its init containers run again, as upstream reruns them
     * when it recreates a pod's sandbox.
     */
    public JsonNode groupSpec(JsonNode pod) {
        return pod;
    }

    /** The pod's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The pod's name. */
    public String name() {
        return name;
    }

    /** The node the pod is bound to. */
    public String nodeName() {
        return nodeName;
    }

    /** The current attempt's number (0 before the first launch). */
    public int attempt() {
        return attempt;
    }

    /** The agent of the current attempt, once launched. */
    public String agentId() {
        return agentId;
    }

    /** Whether a group is out (launched and not all its tasks ended). */
    public boolean active() {
        return launched && !live.isEmpty();
    }

    /** Whether the pod waits for a (re)launch at or after {@link #notBefore()}. */
    public boolean wantsLaunch() {
        return !launched && !killing;
    }

    /** When the next launch may happen (back-off). */
    public Instant notBefore() {
        return notBefore;
    }

    /** The task ids of the current attempt that have not ended. */
    public List<String> liveTasks() {
        return launched ? List.copyOf(live) : List.of();
    }

    /** Records that attempt {@code attempt + 1} is being launched on {@code agent}; returns its number. */
    public int launching(String agent, Instant now) {
        attempt++;
        agentId = agent;
        launched = true;
        if (startTime == null) {
            startTime = now;
        }
        live.clear();
        for (ContainerRun c : current().values()) {
            c.phase = ContainerRun.Phase.CREATING;
            c.taskId = TaskNames.of(namespace, name, attempt, c.name).taskId();
            live.add(c.taskId);
            c.healthy = null;
            c.readyCheck = null;
            c.lastCheck = null;
            c.everHealthy = false;
            if (c.waitingReason == null || !c.waitingReason.equals("CrashLoopBackOff")) {
                c.waitingReason = "ContainerCreating";
                c.waitingMessage = null;
            }
        }
        return attempt;
    }

    /** Records the host ports of the attempt being launched (kept across a failover from the pod's annotation). */
    public void hostPorts(HostPorts ports) {
        hostPorts = java.util.Objects.requireNonNull(ports, "ports");
    }

    /** The host ports of the current attempt. */
    public HostPorts hostPorts() {
        return hostPorts;
    }

    /** Records that the launch could not be built or sent (e.g. CreateContainerConfigError); retried later. */
    public void launchFailed(String reason, String message, Instant now) {
        launched = false;
        current().values().forEach(c -> {
            c.waitingReason = reason;
            c.waitingMessage = message;
        });
        notBefore = now.plus(BACKOFF);
    }

    /** Holds the next launch until {@code until}. */
    public void delayLaunch(Instant until) {
        notBefore = until;
    }

    /**
     * Takes over a running group found by reconciliation (after a failover): attempt {@code number} on
     * {@code agent}, its containers being created until their updates say otherwise.
     */
    public void adopt(int number, String agent) {
        attempt = number - 1;
        launching(agent, Instant.EPOCH);
        startTime = null;
        if (initialized) {
            // the pod reported Initialized: its init tasks finished before the failover (reconciliation reports only
            // the tasks still running), so only the app containers' tasks are waited for
            for (ContainerRun c : inits) {
                live.remove(c.taskId);
                c.phase = ContainerRun.Phase.TERMINATED;
                c.exitCode = 0;
                c.reason = "Completed";
            }
        }
    }

    /** Marks the pod as being deleted: no more launches. */
    public void deleting() {
        killing = true;
    }

    /** Whether the pod is being deleted. */
    public boolean isDeleting() {
        return killing;
    }

    /**
     * The message of upstream's {@code Unhealthy} event when {@code status} of the current attempt reports a probed
     * container's health check ({@code Liveness probe failed: <the check's message>}) or readiness check
     * ({@code Readiness probe failed: <the result>}) failing: once per failing result the agent reports (upstream
     * records one per failed probe run and aggregates them), and once per liveness turn to a failure.
     */
    public java.util.Optional<String> probeFailure(TaskStatus status) {
        TaskNames names = TaskNames.parse(status.taskId().value()).orElse(null);
        if (names == null || names.attempt() != attempt || status.state() != TaskState.TASK_RUNNING) {
            return java.util.Optional.empty();
        }
        ContainerRun c = current().get(names.container());
        if (c == null) {
            return java.util.Optional.empty();
        }
        // each failing result the agent reports is one event: the first may already ride on the task's TASK_RUNNING,
        // later updates (and redeliveries) repeat the last result, which is not reported again
        if (c.readinessChecked && Boolean.FALSE.equals(Probes.readiness(status))
                && !status.checkStatus().equals(c.lastCheck)) {
            return java.util.Optional.of("Readiness probe failed: " + Probes.failure(status.checkStatus()));
        }
        if (c.probe == null || !Boolean.FALSE.equals(status.healthy()) || Boolean.FALSE.equals(c.healthy)) {
            return java.util.Optional.empty(); // none, or already reported
        }
        return java.util.Optional.of(c.probe + " probe failed: " + (status.message() == null ? "" : status.message()));
    }

    /** Folds in a status update of the current attempt (older attempts are ignored). */
    public Next apply(TaskStatus status, Instant now) {
        TaskNames names = TaskNames.parse(status.taskId().value()).orElse(null);
        Map<String, ContainerRun> stage = current();
        if (names == null || names.attempt() != attempt || !stage.containsKey(names.container())) {
            return Next.NOTHING;
        }
        ContainerRun c = stage.get(names.container());
        TaskState s = status.state();
        if (s == TaskState.TASK_RUNNING) {
            c.health(status.healthy());
            c.readiness(status.checkStatus(), Probes.readiness(status));
            if (c.phase != ContainerRun.Phase.RUNNING) {
                c.phase = ContainerRun.Phase.RUNNING;
                c.startedAt = now;
                c.waitingReason = null;
                c.waitingMessage = null;
            }
            return Next.NOTHING;
        }
        if (!s.isTerminal()) {
            return Next.NOTHING;
        }
        if (c.phase == ContainerRun.Phase.TERMINATED || !live.remove(c.taskId)) {
            return Next.NOTHING;
        }
        boolean ran = c.phase == ContainerRun.Phase.RUNNING;
        if (!ran && s == TaskState.TASK_KILLED && status.reason() == TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH) {
            // killed before it started (an init container before it failed, or the pod is deleted): still waiting
            return groupEnded(now);
        }
        c.phase = ContainerRun.Phase.TERMINATED;
        c.finishedAt = now;
        if (c.startedAt == null || !ran) {
            c.startedAt = now;
        }
        String message = status.message() == null ? "" : status.message();
        c.message = message.isEmpty() ? null : message;
        Matcher m = EXIT.matcher(message);
        if (s == TaskState.TASK_FINISHED) {
            c.exitCode = 0;
            c.reason = "Completed";
        } else if (status.reason() == TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY) {
            c.exitCode = 137;
            c.reason = "OOMKilled";
        } else if (!ran && status.reason() == TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED
                && message.toLowerCase(java.util.Locale.ROOT).contains("image")) {
            c.exitCode = 0;
            c.reason = "ErrImagePull";
        } else if (s == TaskState.TASK_KILLED) {
            c.exitCode = m.find() ? Integer.parseInt(m.group(1)) : 137;
            c.reason = killing ? "Completed" : "Error";
        } else {
            c.exitCode = m.find() ? Integer.parseInt(m.group(1)) : 1;
            c.reason = "Error";
        }
        if (killing) {
            return active() ? Next.NOTHING : Next.DONE;
        }
        if (inits.contains(c)) {
            return initEnded(c, now);
        }
        boolean failed = !c.succeeded();
        boolean restart = restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && failed);
        if ("ErrImagePull".equals(c.reason)) {
            restart = true;
        }
        if (active()) {
            // a group restarts as a whole: stop the rest when this container must restart
            return restart ? Next.KILL_GROUP : Next.NOTHING;
        }
        return groupEnded(now);
    }

    /**
     * An init container ended. A success lets the agent start the next (the pod is Initialized after the last); a
     * failure ends the group (the agent kills the containers waiting for it) and fails the pod under restartPolicy
     * Never, else the group is retried with the back-off.
     */
    private Next initEnded(ContainerRun c, Instant now) {
        if (c.succeeded()) {
            if (inits.stream().allMatch(ContainerRun::succeeded)) {
                initialized = true;
            }
            return active() ? Next.NOTHING : groupEnded(now);
        }
        if (restartPolicy.equals("Never")) {
            initFailed = true;
        }
        return active() ? Next.KILL_GROUP : groupEnded(now);
    }

    /** Every task of the attempt has ended: done, or a relaunch after the back-off. */
    private Next groupEnded(Instant now) {
        if (active()) {
            return Next.NOTHING;
        }
        if (killing || initFailed) {
            return Next.DONE;
        }
        boolean initRetry = inits.stream().anyMatch(x -> x.phase == ContainerRun.Phase.TERMINATED && !x.succeeded());
        boolean anyRestart = initRetry || containers.values().stream().anyMatch(x -> x.phase
                == ContainerRun.Phase.TERMINATED && ("ErrImagePull".equals(x.reason)
                || restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && !x.succeeded())));
        if (!anyRestart) {
            return containers.values().stream().allMatch(x -> x.phase == ContainerRun.Phase.TERMINATED)
                    ? Next.DONE : Next.NOTHING;
        }
        relaunchLater(now);
        return Next.RELAUNCH;
    }

    private void relaunchLater(Instant now) {
        crashes++;
        Duration delay = crashes <= 1 ? Duration.ZERO
                : BACKOFF.multipliedBy(1L << Math.min(crashes - 2, 5));
        if (delay.compareTo(MAX_BACKOFF) > 0) {
            delay = MAX_BACKOFF;
        }
        notBefore = now.plus(delay);
        launched = false;
        for (ContainerRun c : current().values()) {
            if (c.phase != ContainerRun.Phase.TERMINATED || inits.contains(c) && c.succeeded()) {
                continue; // never ran in this attempt, or an init container that did its part (rerun, not restarted)
            }
            boolean restarted = !(restartPolicy.equals("OnFailure") && c.succeeded());
            c.last = new ContainerRun.Termination(c.exitCode, c.reason, c.message, c.startedAt, c.finishedAt,
                    "strata://" + c.taskId);
            if (restarted) {
                c.restartCount++;
            }
            if ("ErrImagePull".equals(c.reason)) {
                c.waitingReason = crashes > 1 ? "ImagePullBackOff" : "ErrImagePull";
                c.waitingMessage = c.message;
            } else if (delay.isZero()) {
                c.waitingReason = "ContainerCreating";
                c.waitingMessage = null;
            } else {
                c.waitingReason = "CrashLoopBackOff";
                c.waitingMessage = "back-off " + delay.toSeconds() + "s restarting failed container=" + c.name
                        + " pod=" + name + "_" + namespace + "(" + uid + ")";
            }
        }
    }

    /** The pod's status as upstream renders it; {@code podIp} is the group's address. */
    public ObjectNode status(JsonNode pod, Instant now) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        boolean allReady = containers.values().stream().allMatch(c -> c.ready(launched));
        boolean allDone = containers.values().stream().allMatch(c -> c.phase == ContainerRun.Phase.TERMINATED);
        boolean anyStarted = containers.values().stream().anyMatch(c -> c.startedAt != null);
        String phase;
        if (initFailed) {
            phase = "Failed";
        } else if (initializing()) {
            phase = "Pending";
        } else if (allDone && !launched && notBefore.equals(Instant.EPOCH) || allDone && !wantsRestart()) {
            phase = containers.values().stream().allMatch(ContainerRun::succeeded) ? "Succeeded" : "Failed";
        } else if (anyStarted) {
            phase = "Running";
        } else {
            phase = "Pending";
        }
        status.put("phase", phase);
        ArrayNode conditions = status.putArray("conditions");
        String t = StatusParts.time(startTime == null ? now : startTime);
        StatusParts.condition(conditions, "PodReadyToStartContainers", launched || anyStarted, t);
        ObjectNode initialized = StatusParts.condition(conditions, "Initialized", !initializing(), t);
        if (initializing()) {
            initialized.put("reason", "ContainersNotInitialized").put("message", "containers with incomplete status: ["
                    + String.join(" ", inits.stream().filter(c -> !c.succeeded()).map(c -> c.name).toList()) + "]");
        }
        List<String> unready = new ArrayList<>();
        containers.values().forEach(c -> {
            if (!c.ready(launched)) {
                unready.add(c.name);
            }
        });
        ObjectNode ready = StatusParts.condition(conditions, "Ready", allReady, t);
        ObjectNode cready = StatusParts.condition(conditions, "ContainersReady", allReady, t);
        if (!allReady) {
            String reason = allDone && phase.equals("Succeeded") ? "PodCompleted" : "ContainersNotReady";
            for (ObjectNode c : new ObjectNode[] {ready, cready}) {
                c.put("reason", reason);
                if (reason.equals("ContainersNotReady")) {
                    c.put("message", "containers with unready status: [" + String.join(" ", unready) + "]");
                }
            }
        }
        StatusParts.condition(conditions, "PodScheduled", true, t);
        status.put("hostIP", hostIp);
        status.putArray("hostIPs").addObject().put("ip", hostIp);
        status.put("podIP", hostIp);
        status.putArray("podIPs").addObject().put("ip", hostIp);
        if (startTime != null) {
            status.put("startTime", StatusParts.time(startTime));
        }
        if (!inits.isEmpty()) {
            ArrayNode initStatuses = status.putArray("initContainerStatuses");
            boolean earlierPending = false;
            for (ContainerRun c : inits) {
                boolean pending = !initFailed && (earlierPending || c.taskId == null);
                ObjectNode s = StatusParts.containerStatus(initStatuses.addObject(), c, launched,
                        launched || initFailed || c.succeeded(),
                        pending ? "PodInitializing" : null);
                earlierPending |= !c.succeeded();
                s.put("ready", c.succeeded());
                s.put("started", c.running(launched));
            }
        }
        ArrayNode statuses = status.putArray("containerStatuses");
        for (ContainerRun c : containers.values()) {
            boolean waitsForInit = initializing() || initFailed;
            ObjectNode s = StatusParts.containerStatus(statuses.addObject(), c, launched, launched || !wantsRestart(),
                    waitsForInit ? "PodInitializing" : null);
            s.put("ready", !waitsForInit && c.ready(launched));
            s.put("started", !waitsForInit && c.started(launched));
        }
        status.put("qosClass", StatusParts.qos(pod));
        return status;
    }

    private boolean wantsRestart() {
        return !killing && (restartPolicy.equals("Always") || restartPolicy.equals("OnFailure")
                && containers.values().stream().anyMatch(c -> !c.succeeded()));
    }
}
