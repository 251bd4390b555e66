package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserDatabaseTest {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            # a comment
            nobody:x:65534:65534:nobody:/:/bin/false
            www-data:x:33:33:www:/var/www:/bin/false
            web:x:1000:1000::/home/web:/bin/sh
            broken line
            """;
    static final String GROUP = """
            root:x:0:
            www-data:x:33:
            web:x:1000:
            staff:x:50:web,other
            audio:x:29:web
            nogroup:x:65534:
            """;
    private static final UserDatabase DATABASE = new UserDatabase(PASSWD, GROUP);

    static Stream<Arguments> users() {
        return Stream.of(
                Arguments.of("", new UserIds(0, 0, List.of())),
                Arguments.of("root", new UserIds(0, 0, List.of())),
                Arguments.of("www-data", new UserIds(33, 33, List.of())),
                Arguments.of("web", new UserIds(1000, 1000, List.of(50L, 29L))),
                Arguments.of("1000", new UserIds(1000, 1000, List.of(50L, 29L))),
                Arguments.of("4242", new UserIds(4242, 0, List.of())),
                Arguments.of("4242:7", new UserIds(4242, 7, List.of())),
                Arguments.of("web:staff", new UserIds(1000, 50, List.of())),
                Arguments.of("nobody:nogroup", new UserIds(65534, 65534, List.of())),
                Arguments.of("33:0", new UserIds(33, 0, List.of())));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("users")
    void resolve_userForms_giveNumericIds(String user, UserIds expected) {
        assertThat(DATABASE.resolve(user)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("postgres", "unknown user 'postgres'"),
                Arguments.of("web:wheel", "unknown group 'wheel'"),
                Arguments.of("web:", "empty group"),
                Arguments.of("99999999999", "unknown user '99999999999'"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("errors")
    void resolve_unknownNames_throwClearErrors(String user, String message) {
        assertThatThrownBy(() -> DATABASE.resolve(user)).isInstanceOf(OciException.class)
                .hasMessageContaining(message);
    }

    @Test
    void read_rootfsWithoutEtc_resolvesNumericOnly(@TempDir Path rootfs) {
        UserDatabase database = UserDatabase.read(rootfs);
        assertThat(database.resolve("12:34")).isEqualTo(new UserIds(12, 34, List.of()));
        assertThatThrownBy(() -> database.resolve("web")).isInstanceOf(OciException.class);
    }

    @Test
    void read_rootfsFiles_areUsed(@TempDir Path rootfs) throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), PASSWD);
        Files.writeString(rootfs.resolve("etc/group"), GROUP);
        assertThat(UserDatabase.read(rootfs).resolve("www-data")).isEqualTo(new UserIds(33, 33, List.of()));
    }

    @Test
    void read_passwdSymlinkOutOfRootfs_isRefused(@TempDir Path rootfs) throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> UserDatabase.read(rootfs)).isInstanceOf(OciException.class)
                .hasMessageContaining("outside its root filesystem");
    }
}
