package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private final List<List<Integer>> sent = new CopyOnWriteArrayList<>();

    @Test
    void submit_idleBatcher_sendsTheItemAloneAtOnce() {
        CountDownLatch never = new CountDownLatch(1);
        try (Batcher<Integer> batcher = new Batcher<>(10, "test-batcher", batch -> {
            sent.add(batch);
            hold(never); // keeps the first send in flight: the item must not wait for company
        })) {
            batcher.submit(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
            assertThat(sent.get(0)).containsExactly(1);
            never.countDown();
        }
    }

    @Test
    void submit_whileASendIsInFlight_laterItemsGoTogetherInOrderWithinTheBound() {
        CountDownLatch gate = new CountDownLatch(1);
        try (Batcher<Integer> batcher = new Batcher<>(3, "test-batcher", batch -> {
            sent.add(batch);
            if (sent.size() == 1) {
                hold(gate);
            }
        })) {
            batcher.submit(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
            for (int i = 1; i <= 5; i++) {
                batcher.submit(i);
            }
            gate.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 3);
            assertThat(sent).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
        }
    }

    @Test
    void submit_senderThrows_laterItemsStillGo() {
        try (Batcher<Integer> batcher = new Batcher<>(10, "test-batcher", batch -> {
            sent.add(batch);
            if (batch.contains(1)) {
                throw new IllegalStateException("broken send");
            }
        })) {
            batcher.submit(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
            batcher.submit(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 2);
            assertThat(sent.get(1)).containsExactly(2);
        }
    }

    @Test
    void constructor_maxBatchBelowOne_isRefused() {
        assertThatThrownBy(() -> new Batcher<Integer>(0, "test-batcher", batch -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatch");
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void submit_withAThreadFactory_sendsOnItsThreads() {
        List<String> threads = new CopyOnWriteArrayList<>();
        try (Batcher<Integer> batcher = new Batcher<>(10, Thread.ofPlatform().daemon().name("platform-sender")
                .factory(), batch -> threads.add(Thread.currentThread().getName()
                        + (Thread.currentThread().isVirtual() ? " virtual" : "")))) {
            batcher.submit(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> threads.size() == 1);
            assertThat(threads).containsExactly("platform-sender");
        }
    }

    @Test
    void submit_withKeepAlive_theWaitingThreadSendsTheNextItem() {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try (Batcher<Integer> batcher = new Batcher<>(10, Thread.ofPlatform().daemon().name("kept").factory(),
                Duration.ofSeconds(60), batch -> {
                    sent.add(batch);
                    threads.add(Thread.currentThread());
                })) {
            batcher.submit(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
            batcher.submit(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 2);

            assertThat(sent).containsExactly(List.of(1), List.of(2));
            assertThat(threads.get(1)).as("the same kept-alive thread").isSameAs(threads.get(0));
            batcher.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> !threads.get(0).isAlive());
        }
    }
}
