package io.strata.services.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    @ParameterizedTest(name = "{0} failures: {1} ms")
    @CsvSource({"0,0", "1,1000", "2,1150", "3,1322", "200,3600000"})
    void delay_defaults_growByFactorUpToTheCap(int failures, long millis) {
        assertThat(Backoff.delay(ReconcilerTest.app(1, 1, 1, false), failures)).isEqualTo(Duration.ofMillis(millis));
    }
}
