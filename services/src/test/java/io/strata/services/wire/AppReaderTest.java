package io.strata.services.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.strata.api.json.Json;
import io.strata.services.model.AppDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppReaderTest {
    static AppDefinition read(String json) throws Exception {
        return AppReader.read(Json.camel().readTree(json), null);
    }

    @Test
    void read_minimalApp_appliesMarathonDefaults() throws Exception {
        AppDefinition app = read("{\"id\": \"web\", \"cmd\": \"sleep 1\"}");
        assertThat(app.id().toString()).isEqualTo("/web");
        assertThat(app.instances()).isEqualTo(1);
        assertThat(app.cpus()).isEqualTo(1.0);
        assertThat(app.mem()).isEqualTo(128.0);
        assertThat(app.portDefinitions()).hasSize(1);
        assertThat(app.backoffFactor()).isEqualTo(1.15);
        assertThat(app.maxLaunchDelaySeconds()).isEqualTo(3600);
        assertThat(app.upgradeStrategy()).isEqualTo(AppDefinition.UpgradeStrategy.DEFAULT);
        assertThat(app.killSelection()).isEqualTo(AppDefinition.KillSelection.YOUNGEST_FIRST);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"/a\",\"cmd\":\"x\",\"cpus\":-1}|/cpus|got -1.0, expected 0.0 or more",
        "{\"id\":\"/a\",\"cmd\":\"x\",\"cpus\":\"many\"}|/cpus|error.expected.jsnumber",
        "{\"id\":\"/a\",\"cmd\":\"x\",\"instances\":1.5}|/instances|error.expected.jsnumber.int",
        "{\"id\":\"/A_b\",\"cmd\":\"x\"}|/id|path contains invalid characters",
        "{\"id\":\"/a\"}|/|must either contain one of 'cmd' or 'args'",
        "{\"id\":\"/a\",\"cmd\":\"x\",\"constraints\":[[\"hostname\",\"SOMETIMES\"]]}|/constraints(0)|unknown constraint operator",
        "{\"id\":\"/a\",\"cmd\":\"x\",\"upgradeStrategy\":{\"minimumHealthCapacity\":1.5}}|/upgradeStrategy/minimumHealthCapacity|expected between 0.0 and 1.0",
        "{\"id\":\"/a\",\"cmd\":\"x\",\"healthChecks\":[{\"portIndex\":3}]}|/healthChecks(0)|port indices"})
    void read_invalidField_is422WithMarathonDetails(String json, String path, String error) {
        MarathonException e = catchThrowableOfType(MarathonException.class, () -> read(json));
        assertThat(e.status()).isEqualTo(422);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> details = (List<Map<String, Object>>) e.body().get("details");
        assertThat(details).anySatisfy(d -> {
            assertThat(d.get("path")).isEqualTo(path);
            assertThat(d.get("errors").toString()).contains(error);
        });
    }

    @Test
    void storedForm_roundTrips() throws Exception {
        AppDefinition app = read("{\"id\":\"/a/b\",\"cmd\":\"x\",\"instances\":2,\"labels\":{\"k\":\"v\"},"
                + "\"constraints\":[[\"hostname\",\"UNIQUE\"]],\"acceptedResourceRoles\":[\"slave_public\"]}")
                .withVersions(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Instant.parse("2026-01-01T00:00:00Z"),
                        java.time.Instant.parse("2026-01-01T00:00:00Z"));
        AppDefinition back = AppCodec.fromStored(Json.camel().valueToTree(AppCodec.toStored(app)));
        assertThat(back).isEqualTo(app);
    }
}
