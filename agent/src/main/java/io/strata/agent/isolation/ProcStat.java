package io.strata.agent.isolation;

import java.util.Objects;

/**
 * The fields of {@code /proc/<pid>/stat} that the agent needs: state, parent, process group, session, CPU times and the
 * start time in clock ticks since boot (which, with the pid, identifies a process even after its pid is recycled).
 */
public record ProcStat(long pid, char state, long ppid, long pgrp, long session, long utimeTicks, long stimeTicks,
        long startTimeTicks, long rssPages) {

    /** Validates the pid. */
    public ProcStat {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
    }

    /** Returns whether the process has exited and only awaits reaping (zombie or dead). */
    public boolean isZombie() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /**
     * Parses one {@code stat} line; the command name may contain spaces and parentheses, so fields are counted from the
     * last {@code ')'}.
     *
     * @throws IllegalArgumentException if the text is not a stat line
     */
    public static ProcStat parse(String line) {
        Objects.requireNonNull(line, "line");
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        // rest[0] is field 3 (state); field n is rest[n - 3].
        String[] rest = line.substring(close + 2).trim().split(" +");
        if (rest.length < 22) {
            throw new IllegalArgumentException("truncated /proc stat line: " + line);
        }
        return new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[1]), Long.parseLong(rest[2]),
                Long.parseLong(rest[3]), Long.parseLong(rest[11]), Long.parseLong(rest[12]),
                Long.parseLong(rest[19]), Long.parseLong(rest[21]));
    }
}
