package io.strata.packages.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a one-package Universe repository folder for tests. */
final class TestRepository {
    private TestRepository() {
    }

    static void write(Path root, String name, String version, String description) throws IOException {
        Path dir = Files.createDirectories(root.resolve("packages/" + name.substring(0, 1).toUpperCase(Locale.ROOT)
                + "/" + name + "/0"));
        Files.createDirectories(root.resolve("meta"));
        Files.writeString(root.resolve("meta/index.json"), """
                {"version":"2.0.0","packages":[{"name":"%s","currentVersion":"%s","versions":{"%s":"0"},
                 "description":"%s","framework":false,"tags":["test"]}]}""".formatted(name, version, version,
                description));
        Files.writeString(dir.resolve("package.json"), """
                {"packagingVersion":"2.0","name":"%s","version":"%s","maintainer":"t","description":"%s","tags":["test"]}
                """.formatted(name, version, description));
        Files.writeString(dir.resolve("config.json"), """
                {"type":"object","properties":{"%s":{"type":"object","properties":{
                  "cpus":{"type":"number","default":0.1}}}}}""".formatted(name));
        Files.writeString(dir.resolve("marathon.json.mustache"), """
                {"id":"%s","cmd":"sleep 1000","cpus":{{%s.cpus}},"mem":16}""".formatted(name, name));
    }
}
