package io.strata.agent.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprinterTest {

    private static final long MB = 1024 * 1024;
    private static final String MEMINFO = """
            MemTotal:       24598764 kB
            MemFree:        20000000 kB
            MemAvailable:   22000000 kB
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        // total MB, offered MB
        "24576, 23552", // 24 GiB: keep 1 GiB
        "2048,  1024",  // 2 GiB: 1 GiB is exactly half
        "1536,  768",   // small host: keep half
        "1,     1",     // integer half of 1 is 0
        "0,     0",
    })
    void memoryMb_total_subtractsMinOfOneGibAndHalf(long totalMb, long offeredMb) {
        assertThat(Fingerprinter.memoryMb(totalMb * MB)).isEqualTo(offeredMb);
    }

    @ParameterizedTest
    @CsvSource({"102400, 97280", "10240, 5120", "8000, 4000", "0, 0"})
    void diskMb_usable_subtractsMinOfFiveGibAndHalf(long usableMb, long offeredMb) {
        assertThat(Fingerprinter.diskMb(usableMb * MB)).isEqualTo(offeredMb);
    }

    @Test
    void parseMemTotalBytes_meminfo_readsKilobytes() {
        assertThat(Fingerprinter.parseMemTotalBytes(MEMINFO)).hasValue(24598764L * 1024);
        assertThat(Fingerprinter.parseMemTotalBytes("MemFree: 1 kB\n")).isEqualTo(OptionalLong.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0\\n1\\n2\\n3\\n|4", "''|0", "0|1",
            "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.|0"})
    void parseGpuCount_nvidiaSmiOutput_countsIndexLines(String output, int expected) {
        assertThat(Fingerprinter.parseGpuCount(output.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void fingerprint_thisHost_isPlausible() throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), MEMINFO);

        Fingerprint fingerprint = new Fingerprinter(dir.resolve("not/yet/created"), meminfo).fingerprint();

        assertThat(fingerprint.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(fingerprint.memMb()).isEqualTo(24598764L / 1024 - 1024);
        assertThat(fingerprint.diskMb()).isPositive();
        assertThat(fingerprint.portRanges()).containsExactly(PortRange.DEFAULT);
        assertThat(fingerprint.portRangeArrays().get(0)).containsExactly(31000, 32000);
        assertThat(fingerprint.gpus()).isNotNegative();
    }

    @Test
    void fingerprint_realProcMeminfo_offersMemory() {
        assertThat(new Fingerprinter(dir).fingerprint().memMb()).isPositive();
    }

    @Test
    void portRange_invalid_throws() {
        assertThatThrownBy(() -> new PortRange(32000, 31000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PortRange.DEFAULT).hasToString("[31000-32000]");
    }
}
