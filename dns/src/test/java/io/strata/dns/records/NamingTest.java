package io.strata.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingTest {
    @ParameterizedTest(name = "label({0}) = {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "search            | search",
        "Search            | search",
        "my.app            | my-app",
        "my_app            | my-app",
        "-leading-trailing-| leading-trailing",
        "a b!c@d           | abcd",
        "héllo wörld       | hllowrld",
        "..                | ''",
        "''                | ''",
        "nginx-0.1         | nginx-0-1",
    })
    void label_name_mesosDnsLabel(String name, String expected) {
        assertThat(Naming.label(name.strip())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "label of {0} characters is cut to 63")
    @CsvSource({"63", "64", "200"})
    void label_longName_cutTo63(int length) {
        assertThat(Naming.label("a".repeat(length))).hasSize(Math.min(length, Naming.MAX_LABEL));
    }

    @ParameterizedTest(name = "domainFragment({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "marathon           | marathon",
        "Marathon           | marathon",
        "my.Framework       | my.framework",
        "a..b               | a.b",
        "x_y.z              | x-y.z",
        "kube rnetes.svc    | kubernetes.svc",
    })
    void domainFragment_frameworkName_keepsDots(String name, String expected) {
        assertThat(Naming.domainFragment(name.strip())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "taskHash({0}) = {1}")
    @CsvSource({
        // expected values computed independently: zbase32 of the first 25 bits of sha1 (Python hashlib)
        "nginx.6f7b9f1e-1a2b-11e5-9c3d-0242ac110002, g4ntf",
        "search-1, mo7ii",
    })
    void taskHash_taskId_firstFiveZbase32CharactersOfSha1(String taskId, String expected) {
        assertThat(Naming.taskHash(taskId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "agentIdTail({0}) = {1}")
    @CsvSource({
        "20150827-210452-1695027628-5050-1445-S2, s2",
        "5e2f1d9a-1111-2222-3333-444455556666-S10, s10",
        "S0, s0",
    })
    void agentIdTail_agentId_lastDashFieldLowercased(String agentId, String expected) {
        assertThat(Naming.agentIdTail(agentId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "fqdn({0}) = {1}")
    @CsvSource({"Leader.Mesos, leader.mesos.", "leader.mesos., leader.mesos."})
    void fqdn_name_lowercaseWithTrailingDot(String name, String expected) {
        assertThat(Naming.fqdn(name)).isEqualTo(expected);
    }
}
