package io.strata.agent.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec: a child process running the command inside a task, its output sent as channel 1/2 messages, channel 0
 * messages written to its stdin ({@code 0xff 0x00} closes it), and at its end one channel 3 Status (exit code) and a
 * normal close. Closing the WebSocket first kills the command. With a terminal, resize messages (channel 4) set its
 * size: the command starts once the first size arrived (kubectl sends it at once) or after
 * {@link #FIRST_SIZE_WAIT_MILLIS} ms,
 * on a terminal of that size; later sizes are applied to the running terminal ({@link PseudoTerminal#resize}).
 * Lifecycle: {@link #start} once, then messages, then {@link #close}; message delivery is serial (one WebSocket
 * reader), messages that arrive before the command started are kept and replayed in order, output is sent from two
 * reader threads.
 */
public final class ExecSession implements StreamSession {
    private static final Logger LOG = LoggerFactory.getLogger(ExecSession.class);
    private static final int CHUNK = 16 * 1024;
    /** How long a terminal session waits for the client's first size before starting the command without one. */
    static final long FIRST_SIZE_WAIT_MILLIS = 1_000;

    private final ExecRequest request;
    private final TaskEntry entry;
    private final FrameSink sink;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Process process;
    private volatile OutputStream stdin;
    private final CompletableFuture<TerminalSize> firstSize = new CompletableFuture<>();
    private final AtomicReference<TerminalSize> wantedSize = new AtomicReference<>();
    private final Object resizeLock = new Object();
    /** Messages received before the command started; null once it started (guarded by {@code this}). */
    private List<ByteBuffer> early = new ArrayList<>();

    /** A session that will run {@code request} inside {@code entry}, answering through {@code sink}. */
    public ExecSession(ExecRequest request, TaskEntry entry, FrameSink sink) {
        this.request = request;
        this.entry = entry;
        this.sink = sink;
    }

    /**
     * Starts the command and the threads that pump its output; a command that cannot start is answered with a
     * Failure status and a close.
     */
    @Override
    public void start() {
        Optional<Path> script = request.tty() ? PseudoTerminal.locate() : Optional.empty();
        if (script.isEmpty()) {
            launch(entry.execArgv(request.command()));
            return;
        }
        Thread.ofVirtual().name("exec-start").start(() -> {
            Optional<TerminalSize> size;
            try {
                size = Optional.of(firstSize.get(FIRST_SIZE_WAIT_MILLIS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException e) {
                size = Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!closed.get()) {
                launch(PseudoTerminal.wrap(script.get(), entry.execArgv(request.command(), true), size));
            }
        });
    }

    private void launch(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(entry.directory().toFile());
        if (!entry.environment().isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(entry.environment());
        }
        // with a tty there is one stream, as on a terminal
        builder.redirectErrorStream(request.tty());
        try {
            process = builder.start();
        } catch (IOException e) {
            finish(Channels.failure("cannot run " + request.command().get(0) + ": " + e.getMessage()));
            return;
        }
        stdin = process.getOutputStream();
        if (!request.stdin()) {
            closeStdin();
        }
        List<Thread> pumps = new ArrayList<>();
        pumps.add(Thread.ofVirtual().name("exec-stdout").start(() -> pump(process.getInputStream(),
                Channels.STDOUT, request.stdout() || request.tty())));
        if (!request.tty()) {
            pumps.add(Thread.ofVirtual().name("exec-stderr").start(() -> pump(process.getErrorStream(),
                    Channels.STDERR, request.stderr())));
        }
        Thread.ofVirtual().name("exec-wait").start(() -> awaitExit(pumps));
        List<ByteBuffer> replay;
        synchronized (this) {
            replay = early;
            early = null;
            for (ByteBuffer message : replay) {
                handle(message);
            }
        }
        if (request.tty() && wantedSize.get() != null) {
            applySize();
        }
    }

    /**
     * Handles one client message: stdin data, the v5 close signal, or a resize (applied to the terminal, if any);
     * before the command started, stdin is kept for it.
     */
    @Override
    public void onMessage(ByteBuffer message) {
        if (!message.hasRemaining()) {
            return;
        }
        if ((message.get(message.position()) & 0xff) == Channels.RESIZE) {
            message.get();
            byte[] json = new byte[message.remaining()];
            message.get(json);
            TerminalSize.parse(json).ifPresent(this::resize);
            return;
        }
        synchronized (this) {
            if (early != null) {
                early.add(ByteBuffer.allocate(message.remaining()).put(message).flip());
                return;
            }
            handle(message);
        }
    }

    private void handle(ByteBuffer message) {
        int channel = message.get() & 0xff;
        switch (channel) {
            case Channels.STDIN -> writeStdin(message);
            case Channels.CLOSE -> {
                if (message.hasRemaining() && (message.get() & 0xff) == Channels.STDIN) {
                    closeStdin();
                }
            }
            default -> {
                // unknown channels
            }
        }
    }

    private void resize(TerminalSize size) {
        wantedSize.set(size);
        firstSize.complete(size);
        if (process != null && request.tty()) {
            Thread.ofVirtual().name("exec-resize").start(this::applySize);
        }
    }

    /** Applies the latest wanted size to the running terminal (waiting briefly for script to set it up). */
    private void applySize() {
        synchronized (resizeLock) {
            Process p = process;
            TerminalSize size = wantedSize.get();
            if (p == null || size == null) {
                return;
            }
            try {
                Optional<Path> slave = Optional.empty();
                for (int i = 0; i < 100 && slave.isEmpty() && p.isAlive(); i++) {
                    slave = PseudoTerminal.slaveOf(p.toHandle());
                    if (slave.isEmpty()) {
                        Thread.sleep(20);
                    }
                }
                if (slave.isPresent()) {
                    PseudoTerminal.resize(slave.get(), size);
                }
            } catch (IOException e) {
                LOG.debug("exec resize to {} not applied: {}", size, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The client went away: closes stdin and kills the command if it still runs; idempotent. */
    @Override
    public void close() {
        closed.set(true);
        closeStdin();
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private void writeStdin(ByteBuffer data) {
        OutputStream out = stdin;
        if (out == null || !data.hasRemaining()) {
            return;
        }
        try {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the command closed its stdin or ended: later input has nowhere to go
            closeStdin();
        }
    }

    private void closeStdin() {
        OutputStream out = stdin;
        stdin = null;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // already closed by the command
            }
        }
    }

    /** Copies a stream to its channel; with {@code forward} false the bytes are read and dropped. */
    private void pump(InputStream from, int channel, boolean forward) {
        byte[] buffer = new byte[CHUNK];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (forward && n > 0 && !closed.get()) {
                    sink.send(Channels.frame(channel, buffer, 0, n));
                }
            }
        } catch (IOException e) {
            LOG.debug("exec output channel {} ended: {}", channel, e.toString());
        }
    }

    private void awaitExit(List<Thread> pumps) {
        try {
            int code = process.waitFor();
            for (Thread pump : pumps) {
                pump.join();
            }
            finish(Channels.exitStatus(code));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private void finish(ByteBuffer status) {
        if (!closed.get()) {
            try {
                sink.send(status);
            } catch (IOException e) {
                LOG.debug("exec status not delivered: {}", e.toString());
            }
        }
        sink.close(1000, "");
    }
}
