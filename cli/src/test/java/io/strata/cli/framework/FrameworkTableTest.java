package io.strata.cli.framework;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.output.TablePrinter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameworkTableTest {

    @Test
    void of_frameworks_roleTasksAndUsedResources() throws Exception {
        String json = """
                {"frameworks":[
                  {"id":"M-0001","name":"strata-execute","role":"*","active":true,
                   "used_resources":{"cpus":0.1,"mem":32},"tasks":[{"id":"t1"}]},
                  {"id":"M-0000","name":"marathon","roles":["web","db"],"active":false,
                   "used_resources":{"cpus":1.5,"mem":1024},"tasks":[]}]}
                """;
        List<JsonNode> frameworks = new ArrayList<>();
        Json.mesos().readTree(json).path("frameworks").forEach(frameworks::add);

        assertThat(TablePrinter.render(FrameworkTable.of(frameworks))).isEqualTo("""
                ID      NAME            ROLE    ACTIVE  TASKS  CPUS  MEM
                M-0000  marathon        web,db  false   0      1.5   1024
                M-0001  strata-execute  *       true    1      0.1   32
                """);
    }
}
