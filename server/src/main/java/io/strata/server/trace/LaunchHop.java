package io.strata.server.trace;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event marking one hop of a task's launch or status path through a component (the master: its record
 * stored, RUN_TASK queued, the agent's UPDATE forwarded; the agent: RUN_TASK received, the supervisor given its
 * order, the update checkpointed); {@code LocalLaunchBench} records them to break the launch latency down per hop.
 * Costs next to nothing unless a JFR recording enables {@value #NAME}.
 */
@Name(LaunchHop.NAME)
@Label("Strata launch hop")
@Category({"Strata", "Launch"})
@Description("A task passed one step of a component's launch or status path")
@StackTrace(false)
public final class LaunchHop extends jdk.jfr.Event {
    /** The JFR event name. */
    public static final String NAME = "io.strata.LaunchHop";

    @Label("Component")
    String component;

    @Label("Task")
    String taskId;

    @Label("Hop")
    String hop;

    /** Records that {@code taskId} passed {@code hop} in {@code component}, when a recording wants these events. */
    public static void mark(String component, String taskId, String hop) {
        LaunchHop event = new LaunchHop();
        if (event.shouldCommit()) {
            event.component = component;
            event.taskId = taskId;
            event.hop = hop;
            event.commit();
        }
    }
}
