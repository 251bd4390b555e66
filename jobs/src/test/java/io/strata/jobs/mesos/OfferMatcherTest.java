package io.strata.jobs.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.Attribute;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.Resource;
import io.strata.api.mesos.Value;
import io.strata.jobs.model.JobReader;
import io.strata.jobs.model.JobSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferMatcherTest {
    /** An offer of 1 cpu, 256 MB, 100 MB disk on host {@code a1.example} with rack r1 and 10 cores. */
    private static final Offer OFFER = new Offer(new OfferId("o1"), null, new AgentId("a1"), "a1.example", null,
            List.of(scalar("cpus", 1), scalar("mem", 256), scalar("disk", 100)),
            List.of(new Attribute("rack", Value.Type.TEXT, null, null, null, new Value.Text("r1")),
                    new Attribute("cores", Value.Type.SCALAR, new Value.Scalar(10), null, null, null)),
            List.of());

    private static Resource scalar(String name, double value) {
        return new Resource(name, Value.Type.SCALAR, new Value.Scalar(value), null, null, "*", null);
    }

    private static JobSpec job(String tail) {
        String json = "{\"name\":\"j\",\"command\":\"true\",\"schedule\":\"R//PT1M\"" + tail + "}";
        return JobReader.read(json.getBytes(StandardCharsets.UTF_8), JobReader.Kind.SCHEDULED, Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"rack\",\"EQUALS\",\"r1\"]        | true",
        "[\"rack\",\"EQUALS\",\"r2\"]        | false",
        "[\"rack\",\"LIKE\",\"r[0-9]\"]      | true",
        "[\"rack\",\"UNLIKE\",\"r1\"]        | false",
        "[\"zone\",\"UNLIKE\",\"z1\"]        | true",
        "[\"zone\",\"EQUALS\",\"z1\"]        | false",
        "[\"hostname\",\"LIKE\",\"a1.*\"]    | true",
        "[\"cores\",\"EQUALS\",\"10\"]       | true",
    })
    void take_constraint_matchesAttributesAndHostname(String constraint, boolean fits) {
        JobSpec job = job(",\"cpus\":0.1,\"mem\":32,\"disk\":0,\"constraints\":[" + constraint + "]");

        assertThat(new OfferMatcher.Remaining(OFFER).take(job)).isEqualTo(fits);
    }

    @Test
    void take_repeatedly_stopsWhenResourcesRunOut() {
        OfferMatcher.Remaining remaining = new OfferMatcher.Remaining(OFFER);
        JobSpec job = job(",\"cpus\":0.3,\"mem\":64,\"disk\":10");

        int taken = 0;
        while (remaining.take(job)) {
            taken++;
        }

        assertThat(taken).isEqualTo(3); // cpus: 3 * 0.3 <= 1 < 4 * 0.3
    }
}
