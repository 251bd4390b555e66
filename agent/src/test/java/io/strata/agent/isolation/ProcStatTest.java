package io.strata.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static final String SAMPLE = "4242 (my (odd) proc) S 4200 4242 4242 0 -1 4194560 100 0 0 0 "
            + "7 3 0 0 20 0 1 0 987654 12345678 321 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void parse_commandWithSpacesAndParentheses_readsFieldsAfterLastParenthesis() {
        ProcStat stat = ProcStat.parse(SAMPLE);

        assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 4200, 4242, 4242, 7, 3, 987654, 321));
        assertThat(stat.isZombie()).isFalse();
    }

    @Test
    void parse_zombie_isZombie() {
        assertThat(ProcStat.parse(SAMPLE.replace(") S ", ") Z ")).isZombie()).isTrue();
    }

    @Test
    void parse_garbage_throws() {
        assertThatThrownBy(() -> ProcStat.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (x) S 0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stat_self_matchesOwnPid() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcFs.stat(self)).hasValueSatisfying(stat -> assertThat(stat.pid()).isEqualTo(self));
        assertThat(ProcFs.isAlive(self, ProcFs.stat(self).orElseThrow().startTimeTicks())).isTrue();
        assertThat(ProcFs.isAlive(self, 1)).isFalse();
    }
}
