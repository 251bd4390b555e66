package io.strata.kubernetes.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.controllers.replicaset.ReplicaSetReconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure: (Job, pods of its namespace, now) to pod creations and deletions and the Job's status. */
public final class JobReconciler {

    private final Types types;

    /** A reconciler producing intents on {@code types}. */
    public JobReconciler(Types types) {
        this.types = types;
    }

    /** Whether the job has a Complete or Failed condition with status True. */
    public static boolean finished(JsonNode job) {
        return condition(job, "Complete") || condition(job, "Failed");
    }

    /** Whether the job's condition {@code type} is True. */
    public static boolean condition(JsonNode job, String type) {
        for (JsonNode c : job.path("status").path("conditions")) {
            if (c.path("type").asText().equals(type) && c.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    /** The plan for {@code job} given the pods of its namespace. */
    public Plan reconcile(JsonNode job, List<JsonNode> pods, Instant now) {
        if (PodState.deleting(job)) {
            return Plan.of(List.of());
        }
        String ns = PodState.namespace(job);
        String uid = PodState.uid(job);
        List<JsonNode> mine = pods.stream().filter(p -> PodState.controllerUid(p).equals(uid)).toList();
        List<JsonNode> active = mine.stream().filter(PodState::active).toList();
        JsonNode oldStatus = job.path("status");
        int succeeded = Math.max(oldStatus.path("succeeded").asInt(0), (int) mine.stream()
                .filter(p -> p.path("status").path("phase").asText().equals("Succeeded")).count());
        int failed = Math.max(oldStatus.path("failed").asInt(0), (int) mine.stream()
                .filter(p -> p.path("status").path("phase").asText().equals("Failed")).count());
        int ready = (int) active.stream().filter(PodState::ready).count();
        JsonNode spec = job.path("spec");
        boolean suspended = spec.path("suspend").asBoolean(false);
        int parallelism = spec.path("parallelism").asInt(1);
        boolean workQueue = !spec.hasNonNull("completions");
        int completions = spec.path("completions").asInt(1);
        int backoffLimit = spec.path("backoffLimit").asInt(6);

        ObjectNode status = oldStatus.isObject() ? (ObjectNode) oldStatus.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        List<Intent> intents = new ArrayList<>();
        Optional<Duration> again = Optional.empty();
        boolean done = finished(job);
        if (!done && !suspended && !status.has("startTime")) {
            status.put("startTime", PodState.timestamp(now));
        }
        Instant started = PodState.instant(status.path("startTime").asText(""), now);
        String failReason = null;
        String failMessage = null;
        if (!done && failed > backoffLimit) {
            failReason = "BackoffLimitExceeded";
            failMessage = "Job has reached the specified backoff limit";
        } else if (!done && spec.has("activeDeadlineSeconds") && !suspended) {
            Instant deadline = started.plusSeconds(spec.path("activeDeadlineSeconds").asLong());
            if (!deadline.isAfter(now)) {
                failReason = "DeadlineExceeded";
                failMessage = "Job was active longer than specified deadline";
            } else {
                again = Optional.of(Duration.between(now, deadline).plusMillis(100));
            }
        }
        boolean complete = !done && failReason == null
                && (workQueue ? succeeded > 0 && active.isEmpty() : succeeded >= completions);
        ArrayNode conditions = status.withArray("conditions");
        String at = PodState.timestamp(now);
        if (failReason != null) {
            conditions.add(condition("FailureTarget", failReason, failMessage, at));
            conditions.add(condition("Failed", failReason, failMessage, at));
            active.forEach(p -> intents.add(new Intent.Delete(types.pods(), ns, PodState.name(p), 0)));
        } else if (complete) {
            conditions.add(condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", at));
            conditions.add(condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", at));
            status.put("completionTime", at);
            active.forEach(p -> intents.add(new Intent.Delete(types.pods(), ns, PodState.name(p), -1)));
        } else if (!done) {
            int want = suspended ? 0 : workQueue ? (succeeded > 0 ? 0 : parallelism)
                    : Math.min(parallelism, completions - succeeded);
            if (workQueue && succeeded > 0) {
                want = active.size();
            }
            int diff = want - active.size();
            for (int i = 0; i < Math.min(diff, ReplicaSetReconciler.BURST); i++) {
                intents.add(new Intent.Create(types.pods(), ns, podFrom(job)));
            }
            if (diff < 0) {
                for (JsonNode p : ReplicaSetReconciler.deletionOrder(active).subList(0, -diff)) {
                    intents.add(new Intent.Delete(types.pods(), ns, PodState.name(p), -1));
                }
            }
        }
        if (conditions.isEmpty()) {
            status.remove("conditions");
        }
        int activeNow = done || complete || failReason != null ? 0 : active.size();
        if (activeNow > 0) {
            status.put("active", activeNow);
        } else {
            status.remove("active");
        }
        putOrRemove(status, "succeeded", succeeded);
        putOrRemove(status, "failed", failed);
        status.put("ready", done || complete || failReason != null ? 0 : ready);
        status.putObject("uncountedTerminatedPods");
        if (!PodState.same(status, oldStatus)) {
            ObjectNode next = (ObjectNode) job.deepCopy();
            next.set("status", status);
            intents.add(new Intent.Update(types.jobs(), ns, PodState.name(job), true, next));
        }
        return new Plan(intents, again);
    }

    private static void putOrRemove(ObjectNode s, String field, int value) {
        if (value > 0) {
            s.put(field, value);
        } else {
            s.remove(field);
        }
    }

    private static ObjectNode condition(String type, String reason, String message, String at) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("type", type).put("status", "True").put("lastProbeTime", at).put("lastTransitionTime", at)
                .put("reason", reason).put("message", message);
        return c;
    }

    /** A pod from the template: generateName {@code <job>-}, the job labels, a controller reference. */
    ObjectNode podFrom(JsonNode job) {
        JsonNode template = job.path("spec").path("template");
        ObjectNode pod = JsonNodeFactory.instance.objectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("generateName", PodState.name(job) + "-").put("namespace", PodState.namespace(job));
        ObjectNode labels = template.path("metadata").path("labels").isObject()
                ? (ObjectNode) template.path("metadata").get("labels").deepCopy()
                : JsonNodeFactory.instance.objectNode();
        String uid = PodState.uid(job);
        String name = PodState.name(job);
        labels.put("batch.kubernetes.io/controller-uid", uid).put("batch.kubernetes.io/job-name", name)
                .put("controller-uid", uid).put("job-name", name);
        meta.set("labels", labels);
        if (template.path("metadata").has("annotations")) {
            meta.set("annotations", template.path("metadata").get("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").add(PodState.controllerRef(job, "batch/v1", "Job"));
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }
}
