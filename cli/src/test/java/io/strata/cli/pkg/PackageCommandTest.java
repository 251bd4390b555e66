package io.strata.cli.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.cli.StrataCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package commands against a small real HTTP server answering as the package service would (its real
 * behaviour is tested in the packages module): exit codes, messages, media types, and that nothing is installed
 * after a refusal.
 */
class PackageCommandTest {
    private static final String SEARCH = """
            {"packages":[{"name":"nginx","currentVersion":"1.22.1","framework":false,"source":"Universe","description":"web"},
             {"name":"redis","currentVersion":"7","framework":false,"source":"Universe","description":"kv"}]}""";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/package/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String operation = exchange.getRequestURI().getPath().substring("/package/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(operation);
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        int status = 200;
        String reply;
        if (operation.equals("search")) {
            reply = SEARCH;
        } else if (body.contains("\"ngnix\"")) {
            status = 400;
            reply = "{\"type\":\"PackageNotFound\",\"message\":\"package [ngnix] not found\","
                    + "\"data\":{\"packageName\":\"ngnix\"}}";
        } else if (operation.equals("render") && body.contains("\"cpus\":\"x\"")) {
            status = 400;
            reply = "{\"type\":\"JsonSchemaMismatch\",\"message\":\"options do not match the config schema of "
                    + "package nginx:\\n  option 'nginx.cpus': string found, number expected\"}";
        } else if (operation.equals("repository/list")) {
            reply = "{\"repositories\":[{\"name\":\"Universe\",\"uri\":\"builtin:universe\"}]}";
        } else {
            reply = "{}";
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("STRATA_CONFIG", tmp.resolve("config.json").toString(),
                PackageApi.ENV, "http://127.0.0.1:" + server.getAddress().getPort() + "/package");
        int exit = StrataCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "repo", "repo add", "repo list", "repo remove", "search", "describe", "install", "list",
            "uninstall"})
    void help_everyCommand_printsUsage(String command) {
        List<String> args = new java.util.ArrayList<>(List.of("package"));
        if (!command.isEmpty()) {
            args.addAll(List.of(command.split(" ")));
        }
        args.add("--help");
        Run run = run(args.toArray(String[]::new));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: strata package" + (command.isEmpty() ? "" : " " + command));
    }

    @Test
    void search_table_fromTheService() {
        Run run = run("package", "search");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("NAME   VERSION  FRAMEWORK").contains("redis  7");
        assertThat(contentTypes).first().asString()
                .isEqualTo("application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1");
    }

    @Test
    void search_json_printsThePackagesArray() {
        Run run = run("package", "search", "--json");
        assertThat(run.out()).startsWith("[").contains("\"name\" : \"nginx\"");
    }

    @Test
    void repoList_table_indexesRepositories() {
        Run run = run("package", "repo", "list");
        assertThat(run.out()).contains("0      Universe  builtin:universe");
        assertThat(contentTypes).first().asString().startsWith("application/vnd.dcos.package.repository.list-request");
    }

    @Test
    void describe_unknownPackage_exit2WithSuggestion() {
        Run run = run("package", "describe", "ngnix");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("package [ngnix] not found").contains("did you mean: nginx?");
    }

    @Test
    void install_unknownPackage_exit2NothingInstalled() {
        Run run = run("package", "install", "ngnix", "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("did you mean: nginx?");
        assertThat(calls).doesNotContain("install");
    }

    @Test
    void install_optionsFailSchema_exit2NamesOptionNothingInstalled() throws IOException {
        Path options = Files.writeString(tmp.resolve("options.json"), "{\"nginx\":{\"cpus\":\"x\"}}");
        Run run = run("package", "install", "nginx", "--options", options.toString(), "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("option 'nginx.cpus'");
        assertThat(calls).containsExactly("render");
    }

    @Test
    void install_optionsFileNotJson_exit2BeforeAnyCall() throws IOException {
        Path options = Files.writeString(tmp.resolve("options.json"), "{nope");
        Run run = run("package", "install", "nginx", "--options", options.toString(), "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not valid JSON");
        assertThat(calls).isEmpty();
    }

    @Test
    void install_missingOptionsFile_exit2() {
        Run run = run("package", "install", "nginx", "--options", tmp.resolve("none.json").toString(), "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void search_serviceDown_exit3NamesTheUrl() {
        server.stop(0);
        Run run = run("package", "search");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach the package service at http://127.0.0.1:");
    }
}
