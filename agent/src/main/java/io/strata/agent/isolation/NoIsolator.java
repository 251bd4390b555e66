package io.strata.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Tracking without limits, for {@code --isolation=none}: the launcher's supervisor records its pid in a plain file, and
 * the container's processes are that pid's descendants plus every process in the session it leads.
 *
 * <p>The launcher starts the supervisor with {@code setsid}, so a double-forked orphan (reparented to PID 1) still
 * carries the supervisor's session id and is found and killed. A process that calls {@code setsid} itself after
 * leaving the tree escapes; only cgroups close that gap. No OOM kills are reported since no limit is set.
 */
public final class NoIsolator implements Isolator {

    static final String PROCS_FILE = "procs";
    private static final String HIERARCHY = "strata";
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final long PAGE_SIZE = 4096;
    static final long CLOCK_SLACK_MILLIS = 2_000;

    private final Path stateRoot;
    private final String agentName;

    /** Creates an isolator keeping its pid files under {@code stateRoot/strata/<agentName>/<containerId>}. */
    public NoIsolator(Path stateRoot, String agentName) {
        this.stateRoot = Objects.requireNonNull(stateRoot, "stateRoot");
        this.agentName = ContainerId.requireSafeName(agentName, "agent name");
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public CgroupPaths prepare(ContainerId id, ResourceLimits limits) {
        Path dir = dir(id);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(PROCS_FILE), "");
        } catch (IOException e) {
            throw new IsolationException("cannot prepare tracking file for " + id + " in " + dir, e);
        }
        return new CgroupPaths(id, List.of(dir), List.of(dir.resolve(PROCS_FILE)));
    }

    @Override
    public void update(ContainerId id, ResourceLimits limits) {
        // no limits to change without cgroups
    }

    @Override
    public CgroupPaths recover(ContainerId id) {
        Path dir = dir(id);
        if (!Files.isRegularFile(dir.resolve(PROCS_FILE))) {
            throw new IsolationException("cannot recover container " + id + ": " + dir.resolve(PROCS_FILE)
                    + " is missing");
        }
        return new CgroupPaths(id, List.of(dir), List.of(dir.resolve(PROCS_FILE)));
    }

    @Override
    public ResourceUsage usage(ContainerId id) {
        long ticks = 0;
        long pages = 0;
        int count = 0;
        for (ProcStat stat : trackedStats(id)) {
            ticks += stat.utimeTicks() + stat.stimeTicks();
            pages += stat.rssPages();
            count++;
        }
        return new ResourceUsage((double) ticks / CLOCK_TICKS_PER_SECOND, pages * PAGE_SIZE, 0, count);
    }

    @Override
    public boolean oomKilled(ContainerId id) {
        return false;
    }

    @Override
    public Set<Long> pids(ContainerId id) {
        Set<Long> pids = new LinkedHashSet<>();
        trackedStats(id).forEach(stat -> pids.add(stat.pid()));
        return pids;
    }

    @Override
    public void killAll(ContainerId id) {
        CgroupFiles.killUntilEmpty("container " + id, () -> pids(id));
    }

    @Override
    public void cleanup(ContainerId id) {
        Path dir = dir(id);
        try {
            Files.deleteIfExists(dir.resolve(PROCS_FILE));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new IsolationException("cannot remove tracking directory " + dir, e);
        }
    }

    @Override
    public void removeHierarchy() {
        CgroupFiles.removeIfUnused(dir(ContainerId.of("unused")).getParent());
    }

    private List<ProcStat> trackedStats(ContainerId id) {
        Path procs = dir(id).resolve(PROCS_FILE);
        OptionalLong root = CgroupFiles.readPids(procs).stream().mapToLong(Long::longValue).findFirst();
        if (root.isEmpty()) {
            return List.of();
        }
        long writtenMillis;
        try {
            writtenMillis = Files.getLastModifiedTime(procs).toMillis();
        } catch (IOException e) {
            return List.of();
        }
        return tracked(new Root(root.getAsLong(), writtenMillis, ProcFs.bootTimeMillis()), ProcFs.all(),
                ProcessHandle.current().pid());
    }

    /**
     * The recorded root of a tree: its pid, when the pid file was written (epoch ms) and when the host booted (epoch
     * ms). A process that started more than {@link #CLOCK_SLACK_MILLIS} before or after the write cannot be the root
     * or a member, so a recycled pid is never mistaken for ours.
     */
    record Root(long pid, long writtenMillis, long bootMillis) {

        boolean plausible(ProcStat stat) {
            long started = bootMillis + stat.startTimeTicks() * 1000 / CLOCK_TICKS_PER_SECOND;
            return started >= writtenMillis - CLOCK_SLACK_MILLIS;
        }

        boolean isRoot(ProcStat stat) {
            long started = bootMillis + stat.startTimeTicks() * 1000 / CLOCK_TICKS_PER_SECOND;
            return stat.pid() == pid && Math.abs(started - writtenMillis) <= CLOCK_SLACK_MILLIS;
        }
    }

    /**
     * Selects the live processes of the tree: the root's descendants (while the root is the recorded process) and the
     * members of the session it created, never PID 1, {@code selfPid} (the agent) or anything older than the root.
     */
    static List<ProcStat> tracked(Root root, List<ProcStat> all, long selfPid) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        long selfSession = -1;
        ProcStat rootStat = null;
        for (ProcStat stat : all) {
            children.computeIfAbsent(stat.ppid(), k -> new ArrayList<>()).add(stat);
            if (stat.pid() == selfPid) {
                selfSession = stat.session();
            }
            if (root.isRoot(stat)) {
                rootStat = stat;
            }
        }
        Set<Long> chosen = new LinkedHashSet<>();
        Deque<ProcStat> todo = new ArrayDeque<>();
        if (rootStat != null) {
            todo.push(rootStat);
        }
        while (!todo.isEmpty()) {
            ProcStat stat = todo.pop();
            if (chosen.add(stat.pid())) {
                children.getOrDefault(stat.pid(), List.of()).forEach(todo::push);
            }
        }
        boolean ownSession = root.pid() == selfSession || root.pid() == 1;
        return all.stream()
                .filter(stat -> chosen.contains(stat.pid()) || (!ownSession && stat.session() == root.pid()))
                .filter(stat -> stat.pid() != 1 && stat.pid() != selfPid && !stat.isZombie() && root.plausible(stat))
                .toList();
    }

    private Path dir(ContainerId id) {
        return stateRoot.resolve(HIERARCHY).resolve(agentName).resolve(id.value());
    }
}
