package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.pods.HostPorts;
import io.strata.kubernetes.pods.PodRun;
import io.strata.kubernetes.pods.PodTasks;
import io.strata.kubernetes.pods.PortPool;
import io.strata.kubernetes.resources.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the operations of one ACCEPT: a LAUNCH_GROUP per pod launched on a held offer ({@link PodTasks}: the next
 * init container or the app containers, host ports from the offer's port ranges), and marks each pod's run as
 * launching. A pod whose spec cannot be launched yet (a missing configMap or secret) gets its waiting reason and
 * is reported to {@link Failures}.
 *
 * <p>Not thread-safe: the scheduler's loop thread only (it changes the pods' {@link PodRun}s).
 */
final class LaunchBuilder {

    /** Where pods that cannot be launched are reported (for a Warning event about the pod). */
    @FunctionalInterface
    interface Failures {
        /** A pod whose group was not launched because of {@code error}. */
        void configError(ObjectNode pod, PodTasks.ConfigError error);
    }

    private final ResourceService service;

    LaunchBuilder(ResourceService service) {
        this.service = service;
    }

    /** The LAUNCH_GROUP operations for {@code group} (pods with their runs) on {@code held}; may be empty. */
    List<Offer.Operation> operations(HeldOffers.Held held, List<ObjectNode> group, List<PodRun> runs, Instant now,
            Failures failures) {
        List<Offer.Operation> operations = new ArrayList<>();
        PortPool ports = PortPool.of(held.offer());
        for (int i = 0; i < group.size(); i++) {
            ObjectNode pod = group.get(i);
            PodRun run = runs.get(i);
            try {
                int attempt = run.attempt() + 1;
                JsonNode spec = run.groupSpec(pod); // the next init container, or the app containers
                var mapped = HostPorts.allocate(spec, ports);
                List<TaskInfo> tasks = PodTasks.tasks(spec, attempt, held.offer().agentId(), held.node().name(),
                        (resource, ns, name) -> {
                            ResourceType t = service.catalog().find("v1", resource).orElseThrow();
                            return service.store().get(ResourceService.key(t, ns, name)).map(o -> o);
                        });
                run.launching(held.offer().agentId().value(), now);
                run.hostPorts(mapped);
                operations.add(new Offer.Operation(Offer.Operation.Type.LAUNCH_GROUP, null,
                        new Offer.Operation.LaunchGroup(PodTasks.executor(spec, attempt, mapped),
                                new Offer.TaskGroupInfo(tasks))));
            } catch (PodTasks.ConfigError e) {
                run.launchFailed(e.waitingReason(), e.getMessage(), now);
                failures.configError(pod, e);
            }
        }
        return operations;
    }
}
