package io.strata.agent.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code /bin/sh} supervisor that runs between the agent and the task (design in runtime.md section 4).
 *
 * <p>The supervisor is started before it is needed (see {@link ProcessLauncher}) and waits for its order: it reads the
 * path of an order file (one line) from its stdin, then stdin becomes {@code /dev/null}. The order file sets the
 * positional parameters: sandbox, run directory, user (empty for none), number of procs files, the procs files, the
 * task's environment as {@code NAME=value} words, then the task's argv. Steps: enter the sandbox and append stdout and
 * stderr to its {@code stdout} and {@code stderr} files (exit 124 if that fails), join every procs file (exit 125 if
 * one refuses), trap TERM/INT/QUIT (remembered until the task exists), start the task in the background with exactly
 * its environment ({@code env -i}) and default signal dispositions ({@code env --default-signal}, since a
 * non-interactive shell starts background jobs with SIGINT and SIGQUIT ignored), record its pid, wait for it (a
 * trapped signal interrupts {@code wait}, so wait again while it lives), record the status atomically and exit with
 * it. A supervisor whose stdin ends before an order arrives exits 0 without doing anything.
 */
final class SupervisorScript {

    /** Exit code of the supervisor when it could not join a group; no task was started. */
    static final int JOIN_FAILED = 125;
    /** Exit code of the supervisor when it could not enter the sandbox or open its output files. */
    static final int SANDBOX_FAILED = 124;
    static final String TASK_PID_FILE = "task.pid";
    static final String EXIT_STATUS_FILE = "exit_status";
    /** The order file in the run directory. */
    static final String ORDER_FILE = "launch.order";
    static final String SETSID = "/usr/bin/setsid";

    static final String SCRIPT = """
            IFS= read -r order || exit 0
            exec </dev/null
            . "$order"
            sandbox=$1 run=$2 user=$3 n=$4; shift 4
            cd "$sandbox" && exec >>stdout 2>>stderr || exit 124
            while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done
            task= pending=
            fwd() { if [ -n "$task" ]; then kill -s "$1" "$task" 2>/dev/null; else pending=$1; fi; }
            trap 'fwd TERM' TERM; trap 'fwd INT' INT; trap 'fwd QUIT' QUIT
            if [ -n "$user" ]; then
              /usr/bin/setpriv --reuid="$user" --regid="$(/usr/bin/id -g "$user")" --init-groups -- \
                /usr/bin/env --default-signal -i "$@" &
            else
              /usr/bin/env --default-signal -i "$@" &
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
     * Returns the command line of a supervisor waiting for its order: {@code setsid} (a new session, so the tree can
     * be found and is detached from the agent's terminal), the shell and the script.
     */
    static List<String> commandLine() {
        return List.of(SETSID, "/bin/sh", "-c", SCRIPT, "strata-supervisor");
    }

    /**
     * Returns the order file's text: one {@code set --} of single-quoted words (see the class comment).
     *
     * @param env the task's complete environment; names must not contain {@code =}
     */
    static String order(Path sandbox, Path runDir, Optional<String> user, List<Path> procsFiles,
                        Map<String, String> env, List<String> argv) {
        List<String> words = new ArrayList<>(List.of(sandbox.toString(), runDir.toString(), user.orElse(""),
                Integer.toString(procsFiles.size())));
        procsFiles.forEach(file -> words.add(file.toString()));
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: '" + name + "'");
            }
            words.add(name + "=" + value);
        });
        words.addAll(argv);
        StringBuilder text = new StringBuilder("set --");
        for (String word : words) {
            text.append(' ').append(quote(word));
        }
        return text.append('\n').toString();
    }

    /** Quotes a word for the shell: inside single quotes everything is literal but the quote itself. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
