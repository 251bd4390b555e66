package io.strata.dist;

import java.util.concurrent.CountDownLatch;

/** Shared behaviour of the long-running server commands: they block until SIGTERM/Ctrl-C. */
final class ServerCommands {
    private static volatile boolean running;

    private ServerCommands() {
    }

    /** Whether a server command left threads running that keep the process alive. */
    static boolean keepRunning() {
        return running;
    }

    /** Runs {@code stop} on SIGTERM/SIGINT and blocks the caller until it has finished. */
    static void awaitShutdown(Runnable stop) {
        running = true;
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                done.countDown();
            }
        }, "strata-shutdown"));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
