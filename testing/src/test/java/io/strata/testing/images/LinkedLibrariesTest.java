package io.strata.testing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkedLibrariesTest {
  @Test
  void parse_lddOutput_givesLibrariesAndLoaderButNotVdso() {
    String output = """
        \tlinux-vdso.so.1 (0x00007ffd2b1e9000)
        \tlibcrypt.so.1 => /lib/x86_64-linux-gnu/libcrypt.so.1 (0x00007f3e43ce2000)
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3e4341e000)
        \t/lib64/ld-linux-x86-64.so.2 (0x00007f3e43e85000)
        """;

    assertThat(LinkedLibraries.parse(output)).containsExactly(
        "/lib/x86_64-linux-gnu/libcrypt.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2");
  }

  @Test
  void parse_missingLibrary_fails() {
    assertThatThrownBy(() -> LinkedLibraries.parse("\tlibfoo.so.1 => not found\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("libfoo");
  }
}
