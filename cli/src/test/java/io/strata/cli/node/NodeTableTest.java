package io.strata.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.output.TablePrinter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTableTest {
    private static final String SLAVES = """
            {"slaves":[
              {"id":"M-S1","hostname":"127.0.0.6","active":false,
               "resources":{"cpus":2,"gpus":0,"mem":2048,"disk":100,"ports":"[31000-32000]"},
               "used_resources":{"cpus":0,"gpus":0,"mem":0,"disk":0},
               "reserved_resources":{},"attributes":{}},
              {"id":"M-S0","hostname":"127.0.0.5","active":true,
               "resources":{"cpus":4,"gpus":0,"mem":14019,"disk":35164,"ports":"[1025-2180, 2182-3887]"},
               "used_resources":{"cpus":1.1,"gpus":0,"mem":160,"disk":0},
               "reserved_resources":{"slave_public":{"cpus":1,"mem":0,"ports":"[80-80]"},"empty":{"cpus":0}},
               "attributes":{"public_ip":"true","rack":"r1"}}]}
            """;

    @Test
    void of_masterSlaves_rowsSortedByHostname() throws Exception {
        List<JsonNode> agents = new ArrayList<>();
        Json.mesos().readTree(SLAVES).path("slaves").forEach(agents::add);

        assertThat(TablePrinter.render(NodeTable.of(agents))).isEqualTo("""
                ID    HOSTNAME   CPUS   MEM        DISK     ROLE-RESERVED                       ATTRIBUTES              ACTIVE
                M-S0  127.0.0.5  1.1/4  160/14019  0/35164  slave_public(cpus:1;ports:[80-80])  public_ip=true,rack=r1  true
                M-S1  127.0.0.6  0/2    0/2048     0/100    -                                   -                       false
                """);
    }
}
