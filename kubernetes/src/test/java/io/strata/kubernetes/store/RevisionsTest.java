package io.strata.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RevisionsTest {

    @Test
    void of_zxidAndIndex_zxidTimesThousandPlusIndex() {
        assertThat(Revisions.of(4711, 3)).isEqualTo(4_711_003L);
        // a later transaction's first write is above every write of an earlier one
        assertThat(Revisions.of(4712, 0)).isGreaterThan(Revisions.upperBound(4711));
    }

    @Test
    void of_indexOutOfRange_rejected() {
        assertThatThrownBy(() -> Revisions.of(1, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Revisions.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10, 499, 999})
    void decode_encoded_sameIndexAndJson(int index) {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Revisions.Decoded decoded = Revisions.decode(Revisions.encode(index, json));
        assertThat(decoded.index()).isEqualTo(index);
        assertThat(decoded.json()).isEqualTo(json);
    }

    @Test
    void decode_plainJson_indexZero() {
        byte[] json = "{\"metadata\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThat(Revisions.decode(json).index()).isZero();
        assertThat(Revisions.encode(0, json)).isSameAs(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#\n{}", "#12", "#1x\n{}", "#1000\n{}"})
    void decode_malformedPrefix_rejected(String data) {
        assertThatThrownBy(() -> Revisions.decode(data.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
