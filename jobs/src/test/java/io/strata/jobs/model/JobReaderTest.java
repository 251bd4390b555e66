package io.strata.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobReaderTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static JobSpec read(String json, JobReader.Kind kind) {
        return JobReader.read(json.getBytes(StandardCharsets.UTF_8), kind, NOW);
    }

    @Test
    void read_minimalJob_appliesChronosDefaults() {
        JobSpec job = read("{\"name\":\"a\",\"command\":\"true\",\"schedule\":\"R//PT1M\"}", JobReader.Kind.SCHEDULED);

        assertThat(job.shell()).isTrue();
        assertThat(job.retries()).isEqualTo(2);
        assertThat(job.cpus()).isEqualTo(0.1);
        assertThat(job.mem()).isEqualTo(128);
        assertThat(job.disk()).isEqualTo(256);
        assertThat(job.epsilon()).isEqualTo(Duration.ofSeconds(60));
        assertThat(job.async()).isFalse();
        assertThat(job.concurrent()).isFalse();
        // the empty start is fixed at creation, so the job keeps its slots across restarts
        assertThat(job.schedule()).isEqualTo("R/2030-01-01T00:00Z/PT1M");
    }

    @Test
    void definition_writtenAndReadBack_isEqual() throws Exception {
        JobSpec job = read("""
                {"name":"nightly-report","command":"bash /srv/report.sh","schedule":"R/2015-12-01T02:00:00Z/P1D",
                 "scheduleTimeZone":"UTC","epsilon":"PT30M","owner":"ops@example.com","async":false,"retries":2,
                 "cpus":0.5,"mem":512,"disk":256,"environmentVariables":[{"name":"ENV","value":"prod"}],
                 "constraints":[["rack","EQUALS","rack-1"]],"container":{"type":"DOCKER","image":"busybox"}}""",
                JobReader.Kind.SCHEDULED);

        byte[] written = new ObjectMapper().writeValueAsBytes(JobWriter.definition(job));

        assertThat(JobReader.read(written, JobReader.Kind.STORED, NOW)).isEqualTo(job);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .startsWith("{\"name\":\"nightly-report\",\"command\":\"bash /srv/report.sh\",\"shell\":true,"
                        + "\"epsilon\":\"PT1800S\"");
    }

    @Test
    void read_dependentJob_hasParentsAndNoSchedule() {
        JobSpec job = read("{\"name\":\"b\",\"command\":\"true\",\"parents\":[\"a\",\"c\"]}", JobReader.Kind.DEPENDENT);

        assertThat(job.parents()).isEqualTo(List.of("a", "c"));
        assertThat(job.trigger()).isEmpty();
        assertThat(JobWriter.definition(job)).containsKey("parents").doesNotContainKey("schedule");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dependent with schedule | {\"name\":\"b\",\"command\":\"x\",\"parents\":[\"a\"],\"schedule\":\"R//PT1M\"} | DEPENDENT | schedule",
        "dependent without parents | {\"name\":\"b\",\"command\":\"x\"}                                          | DEPENDENT | parents",
        "scheduled with parents  | {\"name\":\"b\",\"command\":\"x\",\"parents\":[\"a\"],\"schedule\":\"R//PT1M\"} | SCHEDULED | parents",
        "schedule and cron       | {\"name\":\"b\",\"command\":\"x\",\"cron\":\"* * * * *\",\"schedule\":\"R//PT1M\"} | SCHEDULED | cron",
        "not an object           | [1,2]                                                                       | SCHEDULED | body",
        "volume mode             | {\"name\":\"b\",\"command\":\"x\",\"schedule\":\"R//PT1M\",\"container\":{\"image\":\"i\",\"volumes\":[{\"containerPath\":\"/d\",\"mode\":\"RX\"}]}} | SCHEDULED | container.volumes[0].mode",
        "arguments not strings   | {\"name\":\"b\",\"command\":\"x\",\"schedule\":\"R//PT1M\",\"arguments\":[1]} | SCHEDULED | arguments[0]",
        "shell not boolean       | {\"name\":\"b\",\"command\":\"x\",\"schedule\":\"R//PT1M\",\"shell\":\"yes\"} | SCHEDULED | shell",
    })
    void read_invalid_namesTheField(String description, String json, JobReader.Kind kind, String field) {
        assertThatThrownBy(() -> read(json, kind)).isInstanceOfSatisfying(InvalidJobException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
