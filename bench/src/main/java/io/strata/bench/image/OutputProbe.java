package io.strata.bench.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells when a container produced its first output line: the container runs {@code echo NAME | nc 127.0.0.1 PORT}
 * (host network) and this server records, per NAME, when the line arrived. The same probe serves Strata's
 * containers and raw {@code runc run} ones, so both pay the same {@code nc} cost.
 */
final class OutputProbe implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, CompletableFuture<Long>> lines = new ConcurrentHashMap<>();
    private final Thread acceptor;

    OutputProbe() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("output-probe").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> read(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = in.readLine();
            long now = System.nanoTime();
            if (line != null) {
                future(line.strip()).complete(now);
            }
        } catch (IOException e) {
            System.err.println("output probe: " + e.getMessage());
        }
    }

    private CompletableFuture<Long> future(String name) {
        return lines.computeIfAbsent(name, k -> new CompletableFuture<>());
    }

    /** The shell command that reports {@code name} to this probe. */
    String command(String name) {
        return "echo " + name + " | nc 127.0.0.1 " + server.getLocalPort();
    }

    /** Waits for {@code name}'s line; returns its arrival (nanoTime). */
    long await(String name, Duration timeout) {
        try {
            return future(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no output from " + name + " within " + timeout, e);
        }
    }

    /** The arrival of {@code name}'s line if it arrived, else -1. */
    long arrivedOrMinusOne(String name) {
        CompletableFuture<Long> f = lines.get(name);
        return f != null && f.isDone() ? f.join() : -1;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
    }
}
