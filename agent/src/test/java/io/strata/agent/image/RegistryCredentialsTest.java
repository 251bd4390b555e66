package io.strata.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryCredentialsTest {
    @TempDir
    Path dir;

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parse_authField_decodesUserAndPassword() {
        String auth = Base64.getEncoder().encodeToString(json("alice:pa:ss"));

        RegistryCredentials credentials = RegistryCredentials.parse(json(
                "{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + auth + "\"}}, \"credsStore\": \"desktop\"}"));

        assertThat(credentials.forRegistry("127.0.0.1:5000")).contains(new RegistryCredentials.Login("alice", "pa:ss"));
        assertThat(credentials.forRegistry("127.0.0.1:5001")).isEmpty();
    }

    @Test
    void parse_usernameAndPasswordFields_areUsed() {
        RegistryCredentials credentials = RegistryCredentials.parse(json(
                "{\"auths\": {\"registry.example\": {\"username\": \"bob\", \"password\": \"pw\"}}}"));

        assertThat(credentials.forRegistry("registry.example")).contains(new RegistryCredentials.Login("bob", "pw"));
    }

    @Test
    void parse_noAuths_givesNoCredentials() {
        assertThat(RegistryCredentials.parse(json("{}")).logins()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"https://index.docker.io/v1/, docker.io", "registry-1.docker.io, docker.io",
            "http://127.0.0.1:5000/v2/, 127.0.0.1:5000", "quay.io, quay.io"})
    void registryKey_urlsAndDockerHubNames_becomeReferenceHosts(String key, String expected) {
        assertThat(RegistryCredentials.registryKey(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json| not JSON",
            "[]| expected a JSON object",
            "{\"auths\": []}| \"auths\" must be an object",
            "{\"auths\": {\"r\": {\"auth\": \"%%%\"}}}| auths[\"r\"].auth is not base64",
            "{\"auths\": {\"r\": {\"auth\": \"YWxpY2U=\"}}}| auths[\"r\"].auth must be base64 of user:password",
            "{\"auths\": {\"r\": {\"username\": \"a\"}}}| auths[\"r\"] needs \"auth\" or both"})
    void parse_malformed_namesTheFieldAtFault(String text, String message) {
        assertThatThrownBy(() -> RegistryCredentials.parse(json(text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message.trim());
    }

    @Test
    void load_missingFile_namesTheFlagAndTheFile() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> RegistryCredentials.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--registry-credentials " + missing + ": cannot read");
    }

    @Test
    void load_file_parsesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"),
                "{\"auths\": {\"r:1\": {\"username\": \"u\", \"password\": \"\"}}}");

        assertThat(RegistryCredentials.load(file).forRegistry("r:1")).contains(new RegistryCredentials.Login("u", ""));
    }

    @Test
    void loginToString_hidesThePassword() {
        assertThat(new RegistryCredentials.Login("u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
