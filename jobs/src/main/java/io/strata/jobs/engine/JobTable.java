package io.strata.jobs.engine;

import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.JobState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The leader's jobs in memory: one {@link Entry} per job (its spec, state and pending timer, guarded by the
 * entry's monitor) and the index of dependent jobs by parent, so a success does not scan every job. Thread-safe.
 */
final class JobTable {
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> children = new ConcurrentHashMap<>();

    /** One job; every field is read and written under the entry's monitor. */
    static final class Entry {
        JobSpec spec;
        JobState state;
        ScheduledFuture<?> wakeUp;
        boolean deleted;

        Entry(JobSpec spec, JobState state) {
            this.spec = spec;
            this.state = state;
        }
    }

    /** The job of that name, or null. */
    Entry get(String name) {
        return jobs.get(name);
    }

    /** Whether a job of that name exists. */
    boolean contains(String name) {
        return jobs.containsKey(name);
    }

    /** Adds a loaded job (before any other access). */
    void load(JobSpec spec, JobState state) {
        jobs.put(spec.name(), new Entry(spec, state));
        link(null, spec);
    }

    /** The job of that name, created with {@code spec} and an initial state when absent. */
    Entry getOrCreate(JobSpec spec) {
        return jobs.computeIfAbsent(spec.name(), n -> new Entry(spec, JobState.initial()));
    }

    /** Removes the job of that name if it is still {@code entry}. */
    void remove(String name, Entry entry) {
        jobs.remove(name, entry);
    }

    /** Every job's name. */
    Set<String> names() {
        return Set.copyOf(jobs.keySet());
    }

    /** Every entry. */
    Collection<Entry> entries() {
        return jobs.values();
    }

    /** The names of the jobs that depend on {@code parent} (a snapshot). */
    Set<String> childrenOf(String parent) {
        return Set.copyOf(children.getOrDefault(parent, Set.of()));
    }

    /** Updates the children index for a job whose spec changes from {@code before} to {@code after} (either null). */
    void link(JobSpec before, JobSpec after) {
        if (before != null) {
            before.parents().forEach(p -> children.computeIfPresent(p, (k, set) -> {
                set.remove(before.name());
                return set.isEmpty() ? null : set;
            }));
        }
        if (after != null) {
            after.parents().forEach(p -> children.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet())
                    .add(after.name()));
        }
    }

    /** Whether any job reachable upward from {@code parents} is {@code target} (a dependency cycle). */
    boolean reaches(List<String> parents, String target) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(parents);
        while (!todo.isEmpty()) {
            String next = todo.removeLast();
            if (next.equals(target)) {
                return true;
            }
            Entry job = jobs.get(next);
            if (job != null && seen.add(next)) {
                synchronized (job) {
                    todo.addAll(job.spec.parents());
                }
            }
        }
        return false;
    }

    /** Every job as a view, sorted by name. */
    List<JobEngine.View> views() {
        Map<String, JobEngine.View> sorted = new TreeMap<>();
        for (Map.Entry<String, Entry> e : jobs.entrySet()) {
            synchronized (e.getValue()) {
                sorted.put(e.getKey(), new JobEngine.View(e.getValue().spec, e.getValue().state));
            }
        }
        return List.copyOf(sorted.values());
    }
}
