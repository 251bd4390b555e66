package io.strata.master.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentInfo;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.Attribute;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.mesos.Value;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hollow agent speaking the real agent channel ({@code POST /api/v1/agent}): it subscribes with fixed
 * resources and attributes, answers RUN_TASK (and each task of RUN_TASK_GROUP) with a TASK_RUNNING UPDATE and KILL_TASK with TASK_KILLED (each
 * with a fresh base64 16-byte uuid), forgets a framework's tasks on SHUTDOWN_FRAMEWORK and records every
 * ACKNOWLEDGE. It never resends an update and sends HEARTBEAT only when asked, so a test controls silence.
 *
 * <p>Threading: events are handled on the stream's reader thread; updates are posted from that thread.
 */
public final class FakeAgent implements AutoCloseable {
    private final String hostname;
    private final int port;
    private final List<Resource> resources;
    private final List<Attribute> attributes;
    private volatile String masterUrl;
    private volatile AgentId id;
    private volatile RecordIoStream stream;
    private volatile boolean answerRunTask = true;
    /** Running tasks by task id: the framework and the info, for re-subscription reports. */
    private final Map<String, AgentCall.KnownTask> running = new ConcurrentHashMap<>();
    private final List<JsonNode> acknowledgements = new CopyOnWriteArrayList<>();

    private FakeAgent(String masterUrl, String hostname, int port, List<Resource> resources,
                      List<Attribute> attributes) {
        this.masterUrl = masterUrl;
        this.hostname = hostname;
        this.port = port;
        this.resources = resources;
        this.attributes = attributes;
    }

    /** An agent with cpus 4, mem 4096, disk 10000, ports [31000-32000] and the attribute rack:r1. */
    public static FakeAgent standard(String masterUrl, String hostname) {
        return new FakeAgent(masterUrl, hostname, 5051, List.of(scalar("cpus", 4), scalar("mem", 4096),
                scalar("disk", 10000), new Resource("ports", Value.Type.RANGES, null,
                        new Value.Ranges(List.of(new Value.Range(31000, 32000))), null, "*", null)),
                List.of(new Attribute("rack", Value.Type.TEXT, null, null, null, new Value.Text("r1"))));
    }

    /** An unreserved scalar resource. */
    public static Resource scalar(String name, double value) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, "*", null);
    }

    /** Subscribes (first time, or again with its id and its running tasks); waits for SUBSCRIBED. */
    public FakeAgent subscribe() {
        AgentInfo info = new AgentInfo(id, hostname, port, resources, attributes, "test");
        AgentCall call = AgentCall.subscribe(new AgentCall.Subscribe(info, new ArrayList<>(running.values()),
                List.of()));
        RecordIoStream s = RecordIoStream.open(masterUrl + "/api/v1/agent", Json.toString(call), this::handle);
        if (s.status() != 200) {
            throw new AssertionError("agent subscribe answered " + s.status() + ": " + s.errorBody());
        }
        stream = s;
        JsonNode subscribed = s.await("SUBSCRIBED");
        id = new AgentId(subscribed.path("subscribed").path("agent_id").path("value").asText());
        return this;
    }

    /** Points the agent at another master (after a failover); call {@link #subscribe} next. */
    public void redirectTo(String url) {
        this.masterUrl = url;
    }

    /** When false, RUN_TASK is recorded but not answered (the task stays STAGING at the master). */
    public void answerRunTask(boolean answer) {
        this.answerRunTask = answer;
    }

    private void handle(JsonNode event) {
        switch (event.path("type").asText()) {
            case "RUN_TASK" -> {
                JsonNode run = event.path("run_task");
                TaskInfo task = Json.mesos().convertValue(run.path("task"), TaskInfo.class);
                FrameworkId fw = new FrameworkId(run.path("framework_info").path("id").path("value").asText());
                TaskStatus status = status(task.taskId(), TaskState.TASK_RUNNING);
                running.put(task.taskId().value(), new AgentCall.KnownTask(fw, task, status));
                if (answerRunTask) {
                    update(fw, status);
                }
            }
            case "RUN_TASK_GROUP" -> {
                JsonNode run = event.path("run_task_group");
                FrameworkId fw = new FrameworkId(run.path("framework_info").path("id").path("value").asText());
                var executor = Json.mesos().convertValue(run.path("executor"),
                        io.strata.api.mesos.Offer.ExecutorInfo.class);
                for (JsonNode t : run.path("task_group").path("tasks")) {
                    TaskInfo task = Json.mesos().convertValue(t, TaskInfo.class);
                    TaskStatus status = status(task.taskId(), TaskState.TASK_RUNNING).toBuilder()
                            .executorId(executor.executorId()).build();
                    running.put(task.taskId().value(), new AgentCall.KnownTask(fw, task, status, executor));
                    if (answerRunTask) {
                        update(fw, status);
                    }
                }
            }
            case "KILL_TASK" -> {
                JsonNode kill = event.path("kill_task");
                FrameworkId fw = new FrameworkId(kill.path("framework_id").path("value").asText());
                TaskId task = new TaskId(kill.path("task_id").path("value").asText());
                running.remove(task.value());
                update(fw, status(task, TaskState.TASK_KILLED));
            }
            case "SHUTDOWN_FRAMEWORK" -> {
                String fw = event.path("shutdown_framework").path("framework_id").path("value").asText();
                running.values().removeIf(k -> k.frameworkId().value().equals(fw));
            }
            case "ACKNOWLEDGE" -> acknowledgements.add(event.path("acknowledge"));
            default -> {
                // SUBSCRIBED and HEARTBEAT need no answer
            }
        }
    }

    /** A status as the agent's executor would send it: SOURCE_EXECUTOR with a fresh uuid. */
    public TaskStatus status(TaskId task, TaskState state) {
        return TaskStatus.builder(task, state).source(TaskStatus.Source.SOURCE_EXECUTOR).agentId(id)
                .timestamp(System.currentTimeMillis() / 1000.0).uuid(newUuid()).build();
    }

    /** A fresh random 16-byte uuid in base64. */
    public static String newUuid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Sends an UPDATE call; returns the master's answer. */
    public HttpResponse<String> update(FrameworkId framework, TaskStatus status) {
        AgentCall call = AgentCall.update(id, new AgentCall.Update(framework, status));
        return Http.post(masterUrl + "/api/v1/agent", Json.toString(call), Map.of());
    }

    /** Sends a HEARTBEAT call; returns the master's answer. */
    public HttpResponse<String> heartbeat() {
        return Http.post(masterUrl + "/api/v1/agent", Json.toString(AgentCall.heartbeat(id)), Map.of());
    }

    /** The id the master assigned. */
    public AgentId id() {
        return id;
    }

    /** The current subscription stream. */
    public RecordIoStream stream() {
        return stream;
    }

    /** Events of a type received on the current stream. */
    public List<JsonNode> events(String type) {
        return stream.events(type);
    }

    /** Acknowledgements received, as {@code acknowledge} bodies. */
    public List<JsonNode> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    /** Ids of the tasks this agent runs. */
    public java.util.Set<String> runningTaskIds() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** Cuts the subscription stream (the agent process "dies" but keeps its id and tasks). */
    @Override
    public void close() {
        RecordIoStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
