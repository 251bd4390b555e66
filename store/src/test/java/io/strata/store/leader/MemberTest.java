package io.strata.store.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"json.info_0000000003, 3", "json.info_0000000000, 0", "json.info_2147483647, 2147483647",
            "json.info_12345678901, 12345678901"})
    void parse_memberName_yieldsSequence(String name, long sequence) {
        assertThat(Member.parse(name)).contains(new Member(name, sequence));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"info_0000000001", "json.info_", "json.info_abc", "json.info_-0000000001",
            "json.info_0000000001x", "epoch", "agents", "log_replicas", "json.info_1234567890123456789"})
    void parse_otherName_isIgnored(String name) {
        assertThat(Member.parse(name)).isEmpty();
    }

    @Test
    void ordered_mixedChildren_membersBySequenceOnly() {
        List<Member> members = Member.ordered(List.of("epoch", "json.info_0000000012", "agents",
                "json.info_0000000002", "info_0000000001", "json.info_0000000010"));

        assertThat(members).extracting(Member::name)
                .containsExactly("json.info_0000000002", "json.info_0000000010", "json.info_0000000012");
    }
}
