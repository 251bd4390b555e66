package io.strata.bench.launch;

import io.strata.bench.support.Latencies;
import io.strata.server.trace.LaunchHop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A per-hop breakdown of sequential launches from JFR: records the {@link LaunchHop} events of the master, the agent
 * and the bench itself, then, for each launch, takes the first event of every hop between
 * its ACCEPT and its TASK_RUNNING (events with a task id must name the launch's task) and reports the p50/p90 of
 * the time each hop adds after the previous one seen, in the order they happened.
 */
final class LaunchHops implements AutoCloseable {
    /** Time after TASK_RUNNING during which hops still count (the agent's POST may be answered after it). */
    private static final Duration TAIL = Duration.ofMillis(30);

    /** Hops beside the path (answers to a sender that already went on): timed since ACCEPT only. */
    private static final java.util.Set<String> SIDE = java.util.Set.of("bench accept.answered",
            "agent update.answered:TASK_RUNNING");

    private final Recording recording = new Recording();
    /** Where to keep the recording (system property {@code launch.jfr}), with socket events; null: not kept. */
    private static final String KEEP = System.getProperty("launch.jfr");

    /** The bench's own marks (ACCEPT sent, answered, TASK_RUNNING received), as component "bench". */
    static void mark(String taskId, String hop) {
        LaunchHop.mark("bench", taskId, hop);
    }

    LaunchHops() {
        recording.enable(LaunchHop.NAME).withoutStackTrace().withoutThreshold();
        if (KEEP != null) { // a closer look: every socket read and write, kept in the file named
            recording.enable("jdk.SocketRead").withStackTrace().withoutThreshold();
            recording.enable("jdk.SocketWrite").withStackTrace().withoutThreshold();
        }
        recording.setToDisk(true);
        recording.start();
    }

    /** One launch: its task id; the hops are read from the recording at the end. */
    private final List<String> measured = new ArrayList<>();

    void measuredLaunch(String taskId) {
        measured.add(taskId);
    }

    /** Stops recording and prints the breakdown table. */
    void report() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("strata-launch-hops", ".jfr");
        recording.dump(file);
        if (KEEP != null) {
            Files.copy(file, Path.of(KEEP), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(file));
        events.removeIf(e -> !e.getEventType().getName().equals(LaunchHop.NAME));
        Files.deleteIfExists(file);
        events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        Map<String, List<Long>> added = new LinkedHashMap<>();
        Map<String, List<Long>> since = new LinkedHashMap<>();
        for (String taskId : measured) {
            List<RecordedEvent> hops = hopsOf(taskId, events);
            RecordedEvent previous = null;
            for (RecordedEvent hop : hops) {
                String name = name(hop);
                since.computeIfAbsent(name, k -> new ArrayList<>()).add(
                        Duration.between(hops.get(0).getStartTime(), hop.getStartTime()).toNanos());
                if (SIDE.contains(name)) {
                    continue;
                }
                if (previous != null) {
                    added.computeIfAbsent(name, k -> new ArrayList<>()).add(
                            Duration.between(previous.getStartTime(), hop.getStartTime()).toNanos());
                }
                previous = hop;
            }
        }
        System.out.println();
        System.out.printf("Per-hop breakdown over %d launches (JFR). 'adds': time since the previous hop on the path; "
                + "'at': time since ACCEPT sent; hops in order of their p50 'at'; n = launches showing the hop%n",
                measured.size());
        since.keySet().stream().sorted(java.util.Comparator.comparingDouble(n -> percentile(since.get(n), 50)))
                .forEach(name -> System.out.printf("  %-40s n=%3d  adds p50 %7.2f p90 %7.2f ms   at p50 %7.2f ms%n",
                        name, since.get(name).size(), percentile(added.getOrDefault(name, List.of()), 50),
                        percentile(added.getOrDefault(name, List.of()), 90), percentile(since.get(name), 50)));
    }

    private static double percentile(List<Long> nanos, double p) {
        return Latencies.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray()).percentile(p);
    }

    /** The first event of each hop of this launch, in time order, from ACCEPT sent to TASK_RUNNING received. */
    private static List<RecordedEvent> hopsOf(String taskId, List<RecordedEvent> events) {
        Instant start = null;
        Instant end = null;
        for (RecordedEvent e : events) {
            if (isBench(e) && taskId.equals(e.getString("taskId"))) {
                if (e.getString("hop").equals("accept.sent")) {
                    start = e.getStartTime();
                } else if (e.getString("hop").equals("running.received")) {
                    end = e.getStartTime();
                }
            }
        }
        List<RecordedEvent> out = new ArrayList<>();
        if (start == null || end == null) {
            return out;
        }
        Map<String, RecordedEvent> first = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            Instant at = e.getStartTime();
            if (at.isBefore(start) || at.isAfter(end.plus(TAIL))) {
                continue;
            }
            String task = e.getString("taskId");
            if (task != null && !task.isEmpty() && !task.equals(taskId) && !isAgentLauncher(e)) {
                continue;
            }
            first.putIfAbsent(name(e), e);
        }
        out.addAll(first.values());
        return out;
    }

    private static boolean isBench(RecordedEvent e) {
        return "bench".equals(e.getString("component"));
    }

    /** The launcher's hops name the container, not the task: they count by time window alone. */
    private static boolean isAgentLauncher(RecordedEvent e) {
        String hop = e.getString("hop");
        return "agent".equals(e.getString("component")) && (hop.equals("launcher.entered")
                || hop.equals("supervisor.ordered"));
    }

    private static String name(RecordedEvent e) {
        return e.getString("component") + " " + e.getString("hop");
    }

    @Override
    public void close() {
        recording.close();
    }
}
