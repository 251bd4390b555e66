package io.strata.master.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.server.wire.ResourceWire;

/** Renders registry entries as the v1 operator API's protobuf-JSON messages (master.proto Response). */
public final class V1Json {
    private V1Json() {
    }

    private static ObjectNode tree(Object value) {
        return Json.mesos().valueToTree(value);
    }

    private static ObjectNode time(double seconds) {
        ObjectNode t = Json.mesos().createObjectNode();
        t.put("nanoseconds", (long) (seconds * 1e9));
        return t;
    }

    /** A v1 Task. */
    public static ObjectNode task(TaskEntry t) {
        ObjectNode n = Json.mesos().createObjectNode();
        n.put("name", t.info.name());
        n.set("task_id", tree(t.info.taskId()));
        n.set("framework_id", tree(t.frameworkId));
        n.set("agent_id", tree(t.agentId));
        if (t.executorId != null) {
            n.set("executor_id", tree(t.executorId));
        }
        n.put("state", t.state.name());
        n.set("resources", Json.mesos().valueToTree(ResourceWire.toWire(t.resources)));
        ArrayNode statuses = n.putArray("statuses");
        if (t.latest != null) {
            statuses.add(tree(t.latest));
            if (t.latest.uuid() != null) {
                n.put("status_update_state", t.latest.state().name());
                n.put("status_update_uuid", t.latest.uuid());
            }
        }
        if (t.info.labels() != null) {
            n.set("labels", tree(t.info.labels()));
        }
        if (t.info.discovery() != null) {
            n.set("discovery", tree(t.info.discovery()));
        }
        if (t.info.container() != null) {
            n.set("container", tree(t.info.container()));
        }
        return n;
    }

    /** A v1 GetAgents.Agent. */
    public static ObjectNode agent(AgentEntry a) {
        ObjectNode n = Json.mesos().createObjectNode();
        ObjectNode info = tree(a.info);
        n.set("agent_info", info);
        n.put("active", a.offerable());
        n.put("pid", a.pid());
        n.set("registered_time", time(a.registeredTime));
        if (a.reregisteredTime != null) {
            n.set("reregistered_time", time(a.reregisteredTime));
        }
        n.set("total_resources", Json.mesos().valueToTree(ResourceWire.toWire(a.total)));
        n.set("allocated_resources", Json.mesos().valueToTree(ResourceWire.toWire(a.used())));
        n.set("offered_resources", Json.mesos().valueToTree(ResourceWire.toWire(a.offered)));
        return n;
    }

    /** A v1 GetFrameworks.Framework. */
    public static ObjectNode framework(FrameworkEntry f) {
        ObjectNode n = Json.mesos().createObjectNode();
        n.set("framework_info", tree(f.info));
        n.put("active", f.connected);
        n.put("connected", f.connected);
        n.put("recovered", f.recovered);
        n.set("registered_time", time(f.registeredTime));
        if (f.reregisteredTime != null) {
            n.set("reregistered_time", time(f.reregisteredTime));
        }
        if (f.unregisteredTime != null) {
            n.set("unregistered_time", time(f.unregisteredTime));
        }
        return n;
    }
}
