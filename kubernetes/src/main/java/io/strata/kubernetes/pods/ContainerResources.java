package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The cpus and memory (MiB) a container gets on its agent: its limits when set (the agent enforces them), else its
 * requests, else {@value #DEFAULT_CPUS} cpus and {@value #DEFAULT_MEM_MB} MiB (Mesos tasks need some of both).
 */
public record ContainerResources(double cpus, double memMb) {

    /** cpus of a container that asks for none. */
    public static final double DEFAULT_CPUS = 0.1;
    /** MiB of a container that asks for none. */
    public static final double DEFAULT_MEM_MB = 32;
    /** cpus and MiB of the group's executor. */
    public static final ContainerResources EXECUTOR = new ContainerResources(0.01, 16);

    /** Validates that both are positive. */
    public ContainerResources {
        if (!(cpus > 0) || !(memMb > 0)) {
            throw new IllegalArgumentException("cpus and mem must be positive: " + cpus + ", " + memMb);
        }
    }

    /** The resources of one container spec. */
    public static ContainerResources of(JsonNode container) {
        JsonNode limits = container.path("resources").path("limits");
        JsonNode requests = container.path("resources").path("requests");
        double cpus = pick(limits.path("cpu"), requests.path("cpu"), true, DEFAULT_CPUS);
        double mem = pick(limits.path("memory"), requests.path("memory"), false, DEFAULT_MEM_MB);
        return new ContainerResources(Math.max(cpus, 0.001), Math.max(mem, 1));
    }

    private static double pick(JsonNode limit, JsonNode request, boolean cpu, double fallback) {
        JsonNode q = !limit.isMissingNode() && !limit.isNull() ? limit : request;
        if (q.isMissingNode() || q.isNull()) {
            return fallback;
        }
        return cpu ? Quantities.cpus(q.asText()) : Quantities.mebibytes(q.asText());
    }

    /** What each init container's task holds at least (the agent's tasks need some cpus or memory). */
    public static final ContainerResources INIT_TASK = new ContainerResources(0.001, 1);

    /**
     * The whole pod: the group's executor plus the larger of its containers' sum and its largest init container (init
     * containers run one at a time, before the others), as upstream's effective request, plus {@link #INIT_TASK} per
     * init container (see {@link #initShare}).
     */
    public static ContainerResources ofPod(JsonNode pod) {
        ContainerResources apps = apps(pod);
        ContainerResources inits = largestInit(pod);
        int n = pod.path("spec").path("initContainers").size();
        return new ContainerResources(EXECUTOR.cpus() + Math.max(apps.cpus, inits.cpus) + n * INIT_TASK.cpus,
                EXECUTOR.memMb() + Math.max(apps.memMb, inits.memMb) + n * INIT_TASK.memMb);
    }

    /**
     * The resources the task of init container {@code init} holds: init containers run in the app containers' group
     * (their cgroup is the group's), so together they hold what the largest needs beyond the app containers' sum.
     * Example: apps 0.5 cpu/128 MiB, inits 2 cpu/64 MiB and 1 cpu/32 MiB: the first holds 1.501 cpu/1 MiB, the second
     * 0.001 cpu/1 MiB, the group 0.01 + 0.5 + 1.502 = 2.012 cpu, as {@link #ofPod} counts it.
     */
    public static ContainerResources initShare(JsonNode pod, JsonNode init) {
        JsonNode inits = pod.path("spec").path("initContainers");
        if (inits.isEmpty() || inits.get(0) != init) {
            return INIT_TASK;
        }
        ContainerResources apps = apps(pod);
        ContainerResources largest = largestInit(pod);
        return new ContainerResources(INIT_TASK.cpus + Math.max(0, largest.cpus - apps.cpus),
                INIT_TASK.memMb + Math.max(0, largest.memMb - apps.memMb));
    }

    private static ContainerResources apps(JsonNode pod) {
        double cpus = 0;
        double mem = 0;
        for (JsonNode c : pod.path("spec").path("containers")) {
            ContainerResources r = of(c);
            cpus += r.cpus();
            mem += r.memMb();
        }
        return new ContainerResources(Math.max(cpus, 0.001), Math.max(mem, 1));
    }

    private static ContainerResources largestInit(JsonNode pod) {
        double cpus = 0.001;
        double mem = 1;
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            ContainerResources r = of(c);
            cpus = Math.max(cpus, r.cpus());
            mem = Math.max(mem, r.memMb());
        }
        return new ContainerResources(cpus, mem);
    }
}
