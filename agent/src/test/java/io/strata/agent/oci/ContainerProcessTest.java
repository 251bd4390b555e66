package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.agent.image.ImageConfig;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerProcessTest {

    private static final List<String> ENTRY = List.of("/entry.sh", "--flag");
    private static final List<String> CMD = List.of("serve", "80");

    static Stream<Arguments> overrides() {
        return Stream.of(
                Arguments.of("image default", ENTRY, CMD, new ContainerProcess.ImageDefault(),
                        List.of("/entry.sh", "--flag", "serve", "80")),
                Arguments.of("cmd only image", List.of(), CMD, new ContainerProcess.ImageDefault(),
                        List.of("serve", "80")),
                Arguments.of("shell ignores entrypoint and cmd", ENTRY, CMD, new ContainerProcess.Shell("echo $A"),
                        List.of("/bin/sh", "-c", "echo $A")),
                Arguments.of("empty exec is the default", ENTRY, CMD, new ContainerProcess.Exec(List.of(), List.of()),
                        List.of("/entry.sh", "--flag", "serve", "80")),
                Arguments.of("args replace cmd", ENTRY, CMD, new ContainerProcess.Exec(List.of(), List.of("x")),
                        List.of("/entry.sh", "--flag", "x")),
                Arguments.of("args without entrypoint run alone", List.of(), CMD,
                        new ContainerProcess.Exec(List.of(), List.of("/bin/true")), List.of("/bin/true")),
                Arguments.of("command drops cmd too", ENTRY, CMD,
                        new ContainerProcess.Exec(List.of("/bin/echo"), List.of()), List.of("/bin/echo")),
                Arguments.of("command and args", ENTRY, CMD,
                        new ContainerProcess.Exec(List.of("/bin/echo", "a"), List.of("b")),
                        List.of("/bin/echo", "a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overrides")
    void argv_overrides_resolveLikeKubernetes(String name, List<String> entrypoint, List<String> cmd,
            ContainerProcess process, List<String> expected) {
        assertThat(process.argv(image(entrypoint, cmd))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nothingToRun")
    void argv_nothingToRun_throwsClearError(String name, ContainerProcess process) {
        assertThatThrownBy(() -> process.argv(image(List.of(), List.of())))
                .isInstanceOf(OciException.class).hasMessageContaining("no Entrypoint or Cmd");
    }

    static Stream<Arguments> nothingToRun() {
        return Stream.of(Arguments.of("default", new ContainerProcess.ImageDefault()),
                Arguments.of("empty exec", new ContainerProcess.Exec(List.of(), List.of())));
    }

    static Stream<Arguments> mesos() {
        return Stream.of(
                Arguments.of(true, Optional.of("echo hi"), List.of(), List.of("/bin/sh", "-c", "echo hi")),
                Arguments.of(false, Optional.empty(), List.of(), List.of("/entry.sh", "--flag", "serve", "80")),
                Arguments.of(false, Optional.of(""), List.of(), List.of("/entry.sh", "--flag", "serve", "80")),
                Arguments.of(false, Optional.empty(), List.of("x", "y"), List.of("/entry.sh", "--flag", "x", "y")),
                Arguments.of(false, Optional.of("/bin/echo"), List.of(), List.of("/bin/echo")),
                // arguments[0] is argv[0] in Mesos; runc executes args[0], so value takes its place
                Arguments.of(false, Optional.of("/bin/echo"), List.of("echo", "a"), List.of("/bin/echo", "a")));
    }

    @ParameterizedTest(name = "shell={0} value={1} arguments={2}")
    @MethodSource("mesos")
    void fromMesos_commandInfo_mapsToDocumentedArgv(boolean shell, Optional<String> value, List<String> arguments,
            List<String> expected) {
        assertThat(ContainerProcess.fromMesos(shell, value, arguments).argv(image(ENTRY, CMD)))
                .containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void fromMesos_shellWithoutValue_isRejected() {
        assertThatThrownBy(() -> ContainerProcess.fromMesos(true, Optional.empty(), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ImageConfig image(List<String> entrypoint, List<String> cmd) {
        return new ImageConfig(entrypoint, cmd, List.of(), "", "", "", null, null);
    }
}
