package io.strata.cli.sandbox;

import io.strata.client.AgentClient;
import io.strata.client.StrataClientException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams one file of a task's sandbox ({@code stdout}) to a stream while the task runs: a virtual thread finds
 * the sandbox through the agent's {@code /state} (retrying until the executor shows up) and polls
 * {@code /files/read} from where it left off. {@link #finish} asks for a last complete read, so output written
 * just before the task ended is not lost.
 *
 * <p>Lifecycle: NEW, {@link #start} once, {@link #finish} once; failures of the agent are retried until then.
 */
public final class LogFollower {
    private final AgentClient agent;
    private final String frameworkId;
    private final String taskId;
    private final String fileName;
    private final PrintStream out;
    private final Duration interval;
    private volatile boolean finishing;
    private volatile String lastError;
    private Thread thread;
    private boolean found;

    /**
     * A follower of {@code fileName} (e.g. "stdout") in the sandbox of {@code taskId} on {@code agent}.
     *
     * @param interval the pause between polls
     */
    public LogFollower(AgentClient agent, String frameworkId, String taskId, String fileName, PrintStream out,
                       Duration interval) {
        this.agent = agent;
        this.frameworkId = frameworkId;
        this.taskId = taskId;
        this.fileName = fileName;
        this.out = out;
        this.interval = interval;
    }

    /** Starts polling on a virtual thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofVirtual().name("strata-log-" + taskId).start(this::run);
    }

    /**
     * Does a last read and stops, waiting up to {@code timeout}.
     *
     * @return empty when the output was streamed, else why it could not be (e.g. the sandbox was never found)
     */
    public Optional<String> finish(Duration timeout) {
        finishing = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null) {
            return Optional.of("the log follower never started");
        }
        LockSupport.unpark(running);
        try {
            if (!running.join(timeout)) {
                running.interrupt();
                return Optional.of("timed out reading the sandbox of " + taskId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return found ? Optional.empty() : Optional.of("could not read the sandbox of task " + taskId + " on "
                + agent.agent() + (lastError == null ? "" : ": " + lastError));
    }

    private void run() {
        long offset = 0;
        String file = null;
        while (!Thread.currentThread().isInterrupted()) {
            boolean last = finishing;
            try {
                if (file == null) {
                    file = locate().orElse(null);
                }
                if (file != null) {
                    offset = new SandboxFile(agent, file).drain(offset, this::write);
                    found = true;
                }
            } catch (StrataClientException e) {
                lastError = e.getMessage(); // the agent may not know the executor yet: retry
            }
            if (last) {
                return;
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    private Optional<String> locate() {
        return AgentClient.sandboxDirectory(agent.state(), frameworkId, taskId).map(dir -> dir + "/" + fileName);
    }

    private void write(String data) {
        out.print(data);
        out.flush();
    }
}
