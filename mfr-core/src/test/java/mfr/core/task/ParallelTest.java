package mfr.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void runsEveryItem() {
        var seen = ConcurrentHashMap.<Integer>newKeySet();
        Parallel.forEach(IntStream.range(0, 100).boxed().toList(), 3, seen::add);
        assertThat(seen).hasSize(100);
    }

    @Test
    void aFailureIsRethrownOnlyAfterTheRunningTasksHaveFinished() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forEach(List.of(0, 1, 2, 3), 2, i -> {
            if (i == 0) {
                throw new IllegalArgumentException("boom");
            }
            running.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
        // Whatever started has ended by the time the failure reaches the caller.
        assertThat(finished.get()).isEqualTo(running.get());
    }
}
