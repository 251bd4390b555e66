package io.strata.dns.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.dns.records.RecordSet;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ZoneTest {
    private static RecordSet records(String webIp) {
        return new RecordSet.Builder().domain("mesos")
                .a("web.fw.mesos", webIp).a("db.fw.mesos", "127.0.0.2").a("db-x-s0.fw.slave.mesos", "127.0.0.2")
                .srv("_db._tcp.fw.mesos", "db-x-s0.fw.slave.mesos", 31000)
                .srv("_web._tcp.fw.mesos", "web.fw.mesos", 31001)
                .build();
    }

    private static Zone.Entry entry(Zone z, String name) throws Exception {
        return z.entry(Name.fromString(name));
    }

    @Test
    void compile_againstPrevious_unchangedNamesReuseRecordsChangedOnesRebuilt() throws Exception {
        Zone first = Zone.compile(records("127.0.0.1"), 60, 1, "127.0.0.1");

        Zone second = Zone.compile(records("127.0.0.9"), 60, 2, "127.0.0.1", first);

        assertThat(entry(second, "db.fw.mesos.").a()).isSameAs(entry(first, "db.fw.mesos.").a());
        assertThat(entry(second, "_db._tcp.fw.mesos.").srv()).isSameAs(entry(first, "_db._tcp.fw.mesos.").srv());
        assertThat(entry(second, "web.fw.mesos.").a()[0].rdataToString()).isEqualTo("127.0.0.9");
        // the SRV whose target's address changed gets the new address as additional data
        assertThat(entry(second, "_web._tcp.fw.mesos.").srvTargets()[0].rdataToString()).isEqualTo("127.0.0.9");
        assertThat(entry(second, "ns1.mesos.").a()[0].rdataToString()).isEqualTo("127.0.0.1");
        assertThat(second.serial()).isEqualTo(2);
    }

    @Test
    void compile_nameTooLongForDns_skippedOthersServed() throws Exception {
        String label = "a".repeat(63);
        RecordSet r = new RecordSet.Builder().domain("mesos").a(label + "." + label + "." + label + "." + label
                + ".mesos", "127.0.0.1").a("ok.mesos", "127.0.0.2").build();

        Zone z = Zone.compile(r, 60, 1, null);

        assertThat(entry(z, "ok.mesos.")).isNotNull();
        assertThat(entry(z, "ns1.mesos.")).isNull();
    }
}
