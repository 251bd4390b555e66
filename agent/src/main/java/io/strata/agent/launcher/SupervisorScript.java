package io.strata.agent.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /bin/sh} supervisor that runs between the agent and the task (design in runtime.md section 4).
 *
 * <p>Arguments: run directory, user (empty for none), number of procs files, the procs files, then the task's argv.
 * Steps: join every procs file (exit 125 if one refuses), trap TERM/INT/QUIT (remembered until the task exists), start
 * the task in the background with default signal dispositions ({@code env --default-signal}, since a non-interactive
 * shell starts background jobs with SIGINT and SIGQUIT ignored), record its pid, wait for it (a trapped signal
 * interrupts {@code wait}, so wait again while it lives), record the status atomically and exit with it.
 */
final class SupervisorScript {

    /** Exit code of the supervisor when it could not join a group; no task was started. */
    static final int JOIN_FAILED = 125;
    static final String TASK_PID_FILE = "task.pid";
    static final String EXIT_STATUS_FILE = "exit_status";
    static final String SETSID = "/usr/bin/setsid";

    static final String SCRIPT = """
            run=$1 user=$2 n=$3; shift 3
            while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done
            task= pending=
            fwd() { if [ -n "$task" ]; then kill -s "$1" "$task" 2>/dev/null; else pending=$1; fi; }
            trap 'fwd TERM' TERM; trap 'fwd INT' INT; trap 'fwd QUIT' QUIT
            if [ -n "$user" ]; then
              /usr/bin/env --default-signal /usr/bin/setpriv --reuid="$user" --regid="$(/usr/bin/id -g "$user")" \\
                --init-groups -- "$@" &
            else
              /usr/bin/env --default-signal "$@" &
            fi
            task=$!
            echo "$task" > "$run/task.pid"
            if [ -n "$pending" ]; then kill -s "$pending" "$task" 2>/dev/null; fi
            wait "$task"; status=$?
            while kill -0 "$task" 2>/dev/null; do wait "$task"; status=$?; done
            echo "$status" > "$run/exit_status.tmp" && /bin/mv -f "$run/exit_status.tmp" "$run/exit_status"
            exit "$status"
            """;

    private SupervisorScript() {
    }

    /**
     * Returns the full command line: {@code setsid} (a new session, so the tree can be found and is detached from the
     * agent's terminal), the shell, the script and its arguments.
     */
    static List<String> commandLine(Path runDir, Optional<String> user, List<Path> procsFiles, List<String> argv) {
        List<String> command = new ArrayList<>(List.of(SETSID, "/bin/sh", "-c", SCRIPT, "strata-supervisor",
                runDir.toString(), user.orElse(""), Integer.toString(procsFiles.size())));
        procsFiles.forEach(file -> command.add(file.toString()));
        command.addAll(argv);
        return command;
    }
}
