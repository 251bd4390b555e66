package io.strata.kubernetes.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.controllers.job.JobReconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Pure: (CronJob, Jobs of its namespace, now) to Job creations and deletions and the CronJob's status. */
public final class CronJobReconciler {

    /** The annotation upstream puts on Jobs with the time they were scheduled for. */
    public static final String SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private final Types types;

    /** A reconciler producing intents on {@code types}. */
    public CronJobReconciler(Types types) {
        this.types = types;
    }

    /** The name of the Job scheduled at {@code t}: {@code <cronjob>-<minutes since the epoch>}. */
    public static String jobName(String cronJob, Instant t) {
        return cronJob + "-" + (t.getEpochSecond() / 60);
    }

    /** The plan for {@code cj} given the Jobs of its namespace. */
    public Plan reconcile(JsonNode cj, List<JsonNode> jobs, Instant now) {
        if (PodState.deleting(cj)) {
            return Plan.of(List.of());
        }
        String ns = PodState.namespace(cj);
        String name = PodState.name(cj);
        JsonNode spec = cj.path("spec");
        List<JsonNode> mine = new ArrayList<>(jobs.stream()
                .filter(j -> PodState.controllerUid(j).equals(PodState.uid(cj))).toList());
        mine.sort(Comparator.comparing((JsonNode j) -> j.path("metadata").path("creationTimestamp").asText(""))
                .thenComparing(PodState::name));
        List<Intent> intents = new ArrayList<>();
        List<JsonNode> active = new ArrayList<>(mine.stream()
                .filter(j -> !JobReconciler.finished(j) && !PodState.deleting(j)).toList());
        history(ns, mine, "Complete", spec.path("successfulJobsHistoryLimit").asInt(3), intents);
        history(ns, mine, "Failed", spec.path("failedJobsHistoryLimit").asInt(1), intents);

        ObjectNode status = cj.path("status").isObject() ? (ObjectNode) cj.path("status").deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Optional<Duration> again = Optional.empty();
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(spec.path("schedule").asText(), spec.path("timeZone").asText(""));
        } catch (IllegalArgumentException e) {
            return Plan.of(intents);
        }
        if (!spec.path("suspend").asBoolean(false)) {
            Instant earliest = PodState.instant(status.path("lastScheduleTime").asText(""),
                    PodState.instant(cj.path("metadata").path("creationTimestamp").asText(""), now));
            Optional<Instant> due = schedule.lastAtOrBefore(now).filter(t -> t.isAfter(earliest));
            boolean tooLate = due.isPresent() && spec.has("startingDeadlineSeconds")
                    && due.get().plusSeconds(spec.path("startingDeadlineSeconds").asLong()).isBefore(now);
            if (due.isPresent() && !tooLate) {
                Instant t = due.get();
                String jobName = jobName(name, t);
                boolean exists = mine.stream().anyMatch(j -> PodState.name(j).equals(jobName));
                String policy = spec.path("concurrencyPolicy").asText("Allow");
                if (exists) {
                    status.put("lastScheduleTime", PodState.timestamp(t));
                } else if (policy.equals("Forbid") && !active.isEmpty()) {
                    again = Optional.of(Duration.ofSeconds(5));
                } else {
                    if (policy.equals("Replace")) {
                        for (JsonNode j : active) {
                            intents.add(new Intent.Delete(types.jobs(), ns, PodState.name(j), -1));
                        }
                        active.clear();
                    }
                    ObjectNode job = jobFrom(cj, jobName, t);
                    intents.add(new Intent.Create(types.jobs(), ns, job));
                    status.put("lastScheduleTime", PodState.timestamp(t));
                    ObjectNode ref = JsonNodeFactory.instance.objectNode();
                    ref.put("apiVersion", "batch/v1").put("kind", "Job").put("name", jobName).put("namespace", ns);
                    active.add(JsonNodeFactory.instance.objectNode().set("metadata", ref));
                }
            }
            Optional<Instant> next = schedule.nextAfter(now);
            if (next.isPresent()) {
                Duration d = Duration.between(now, next.get()).plusMillis(100);
                again = again.isPresent() && again.get().compareTo(d) < 0 ? again : Optional.of(d);
            }
        }
        ArrayNode refs = JsonNodeFactory.instance.arrayNode();
        for (JsonNode j : active) {
            JsonNode m = j.path("metadata");
            ObjectNode ref = refs.addObject();
            ref.put("apiVersion", "batch/v1").put("kind", "Job").put("namespace", ns)
                    .put("name", m.path("name").asText());
            if (m.has("uid")) {
                ref.put("uid", m.path("uid").asText()).put("resourceVersion", m.path("resourceVersion").asText());
            }
        }
        if (refs.isEmpty()) {
            status.remove("active");
        } else {
            status.set("active", refs);
        }
        mine.stream().filter(j -> JobReconciler.condition(j, "Complete"))
                .map(j -> j.path("status").path("completionTime").asText(""))
                .filter(s -> !s.isEmpty()).max(Comparator.naturalOrder())
                .ifPresent(s -> status.put("lastSuccessfulTime", s));
        if (!PodState.same(status, cj.path("status"))) {
            ObjectNode next = (ObjectNode) cj.deepCopy();
            next.set("status", status);
            intents.add(new Intent.Update(types.cronJobs(), ns, name, true, next));
        }
        return new Plan(intents, again);
    }

    /** Deletes the oldest finished Jobs with condition {@code type} beyond {@code limit}. */
    private void history(String ns, List<JsonNode> mine, String type, int limit, List<Intent> intents) {
        List<JsonNode> finished = mine.stream().filter(j -> JobReconciler.condition(j, type)
                && !PodState.deleting(j)).toList();
        for (int i = 0; i < finished.size() - limit; i++) {
            intents.add(new Intent.Delete(types.jobs(), ns, PodState.name(finished.get(i)), -1));
        }
    }

    private static ObjectNode jobFrom(JsonNode cj, String name, Instant t) {
        JsonNode template = cj.path("spec").path("jobTemplate");
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("apiVersion", "batch/v1").put("kind", "Job");
        ObjectNode meta = job.putObject("metadata");
        meta.put("name", name).put("namespace", PodState.namespace(cj));
        if (template.path("metadata").has("labels")) {
            meta.set("labels", template.path("metadata").get("labels").deepCopy());
        }
        ObjectNode ann = template.path("metadata").path("annotations").isObject()
                ? (ObjectNode) template.path("metadata").get("annotations").deepCopy()
                : JsonNodeFactory.instance.objectNode();
        ann.put(SCHEDULED, PodState.timestamp(t));
        meta.set("annotations", ann);
        meta.putArray("ownerReferences").add(PodState.controllerRef(cj, "batch/v1", "CronJob"));
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }
}
