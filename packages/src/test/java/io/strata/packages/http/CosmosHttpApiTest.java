package io.strata.packages.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import io.strata.packages.PackageService;
import io.strata.packages.PackagesConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package API over HTTP with a real ZooKeeper, the real services framework on a real master and real repository servers. */
class CosmosHttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    private static TestingServer zookeeper;
    private static RealServices marathon;
    private static HttpServer files;
    private static PackageService service;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        marathon = RealServices.start(zookeeper.getConnectString());
        Path served = Files.createDirectories(temp.resolve("served"));
        TestRepository.write(served.resolve("remote"), "hello", "2.0.0", "Says hello");
        TestRepository.write(temp.resolve("local"), "localpkg", "0.1", "A package from a file: folder");
        zip(served.resolve("remote"), served.resolve("zipped.zip"), "universe-version-2.x/");
        files = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), served,
                SimpleFileServer.OutputLevel.NONE);
        files.start();
        service = PackageService.start(new PackagesConfig(zookeeper.getConnectString() + "/strata", marathon.url(),
                "http://127.0.0.1:7070", null, "127.0.0.1", 0));
        api = service.url() + "/package";
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        files.stop(0);
        marathon.close();
        zookeeper.close();
    }

    @BeforeEach
    void clearApps() {
        marathon.clear();
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    static Reply post(String operation, String body) throws Exception {
        return post(operation, body, MediaTypes.request(operation));
    }

    static Reply post(String operation, String body, String contentType) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/" + operation))
                .header("Content-Type", contentType).header("Accept", MediaTypes.response(operation))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }

    @Test
    void search_builtin_listsPackagesWithCosmosShape() throws Exception {
        Reply reply = post("search", "{}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/vnd.dcos.package.search-response+json");
        assertThat(reply.body().findValuesAsText("name")).contains("kubernetes", "nginx", "redis");
        JsonNode nginx = find(reply.body().get("packages"), "nginx");
        assertThat(nginx.get("currentVersion").asText()).isNotBlank();
        assertThat(nginx.get("versions").isObject()).isTrue();
        assertThat(nginx.get("framework").asBoolean()).isFalse();
    }

    @Test
    void search_query_filtersByNameDescriptionAndTags() throws Exception {
        assertThat(post("search", "{\"query\":\"key-value\"}").body().findValuesAsText("name"))
                .containsExactlyInAnyOrder("redis", "memcached");
        assertThat(post("search", "{\"query\":\"no-such-thing\"}").body().get("packages")).isEmpty();
    }

    @Test
    void describe_nginx_givesPackageConfigAndTemplate() throws Exception {
        Reply reply = post("describe", "{\"packageName\":\"nginx\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/package/name").asText()).isEqualTo("nginx");
        assertThat(reply.body().at("/config/properties/nginx/properties/cpus/default").asDouble()).isPositive();
        assertThat(reply.body().get("marathonMustache").asText()).contains("{{nginx.cpus}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown package    | describe | {"packageName":"ngnix"}                              | 400 | PackageNotFound
            unknown version    | describe | {"packageName":"nginx","packageVersion":"9"}         | 400 | VersionNotFound
            missing name       | install  | {}                                                   | 400 | MalformedRequest
            name not a string  | describe | {"packageName":5}                                    | 400 | MalformedRequest
            not json           | search   | {nope                                                | 400 | MalformedRequest
            bad option         | install  | {"packageName":"nginx","options":{"nginx":{"cpus":"x"}}} | 400 | JsonSchemaMismatch
            unknown option     | render   | {"packageName":"redis","options":{"redis":{"mem2":1}}}   | 400 | JsonSchemaMismatch
            not installed      | uninstall| {"packageName":"redis"}                              | 400 | UninstallNonExistentAppForPackage
            bad repository uri | repository/add | {"name":"x","uri":"ftp://host/x"}              | 400 | RepositoryUriSyntax
            unreachable repo   | repository/add | {"name":"x","uri":"http://127.0.0.1:9/x.zip"}  | 400 | IndexNotFound
            unknown repository | repository/delete | {"name":"nope"}                             | 404 | RepositoryNotPresent
            """)
    void request_badInput_cosmosErrorWithType(String name, String operation, String body, int status, String type)
            throws Exception {
        Reply reply = post(operation, body);
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/vnd.dcos.package.error+json");
        assertThat(reply.body().get("type").asText()).isEqualTo(type);
        assertThat(reply.body().get("message").asText()).isNotBlank();
        assertThat(marathon.apps()).as("nothing installed").isEmpty();
    }

    @Test
    void install_badOption_messageNamesTheOption() throws Exception {
        Reply reply = post("install", "{\"packageName\":\"nginx\",\"options\":{\"nginx\":{\"instances\":-1}}}");
        assertThat(reply.body().get("message").asText()).contains("option 'nginx.instances'");
        assertThat(reply.body().at("/data/errors/0/option").asText()).isEqualTo("nginx.instances");
    }

    @Test
    void request_wrongContentType_unsupported() throws Exception {
        Reply reply = post("search", "{}", "text/plain");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body().get("type").asText()).isEqualTo("UnsupportedContentType");
        assertThat(post("search", "{}", "application/json").status()).isEqualTo(200);
    }

    @Test
    void render_nginx_givesMarathonJsonWithoutInstalling() throws Exception {
        Reply reply = post("render", "{\"packageName\":\"nginx\",\"appId\":\"/web/front\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/marathonJson/id").asText()).isEqualTo("/web/front");
        assertThat(reply.body().at("/marathonJson/labels/DCOS_PACKAGE_SOURCE").asText()).isEqualTo("builtin:universe");
        assertThat(marathon.apps()).isEmpty();
    }

    @Test
    void install_listUninstall_roundTripThroughTheServicesApi() throws Exception {
        Reply installed = post("install", "{\"packageName\":\"redis\",\"options\":{\"service\":{\"name\":\"cache\"}}}");
        assertThat(installed.status()).isEqualTo(200);
        assertThat(installed.body().get("appId").asText()).isEqualTo("/cache");
        assertThat(installed.body().get("packageName").asText()).isEqualTo("redis");
        assertThat(marathon.apps()).containsKey("/cache");
        JsonNode app = marathon.apps().get("/cache");
        assertThat(app.at("/labels/DCOS_PACKAGE_NAME").asText()).isEqualTo("redis");
        assertThat(app.get("cmd").asText()).startsWith("exec redis-server --port $PORT0");

        assertThat(post("install", "{\"packageName\":\"redis\",\"appId\":\"cache\"}").body().get("type").asText())
                .as("same app id again").isEqualTo("PackageAlreadyInstalled");
        marathon.create("{\"id\":\"/unrelated\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":32,\"instances\":0}");
        post("install", "{\"packageName\":\"redis\",\"appId\":\"cache2\"}");

        JsonNode list = post("list", "{}").body().get("packages");
        assertThat(list.findValuesAsText("appId")).containsExactlyInAnyOrder("/cache", "/cache2");
        assertThat(list.get(0).at("/packageInformation/packageDefinition/name").asText()).isEqualTo("redis");
        assertThat(post("list", "{\"appId\":\"/cache2\"}").body().get("packages")).hasSize(1);

        assertThat(post("uninstall", "{\"packageName\":\"redis\"}").body().get("type").asText())
                .isEqualTo("AmbiguousAppId");
        Reply removed = post("uninstall", "{\"packageName\":\"redis\",\"appId\":\"cache\"}");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().at("/results/0/appId").asText()).isEqualTo("/cache");
        assertThat(marathon.apps()).containsOnlyKeys("/cache2", "/unrelated");
        assertThat(post("uninstall", "{\"packageName\":\"redis\",\"all\":true}").status()).isEqualTo(200);
        assertThat(marathon.apps()).containsOnlyKeys("/unrelated");
    }

    @Test
    void repositories_addHttpZipAndFileFolder_packagesBecomeAvailable() throws Exception {
        String base = "http://127.0.0.1:" + files.getAddress().getPort();
        assertThat(post("repository/list", "{}").body().at("/repositories/0/name").asText()).isEqualTo("Universe");

        Reply added = post("repository/add", "{\"name\":\"remote\",\"uri\":\"" + base + "/zipped.zip\",\"index\":0}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().at("/repositories/0/name").asText()).isEqualTo("remote");
        post("repository/add", "{\"name\":\"plain\",\"uri\":\"" + base + "/remote\"}");
        post("repository/add", "{\"name\":\"local\",\"uri\":\"" + temp.resolve("local").toUri() + "\"}");
        assertThat(post("repository/list", "{}").body().findValuesAsText("name"))
                .containsExactly("remote", "Universe", "plain", "local");

        assertThat(post("search", "{\"query\":\"hello\"}").body().at("/packages/0/source").asText())
                .as("the first repository wins").isEqualTo("remote");
        Reply installed = post("install", "{\"packageName\":\"localpkg\"}");
        assertThat(installed.status()).isEqualTo(200);
        assertThat(marathon.apps().get("/localpkg").at("/labels/DCOS_PACKAGE_SOURCE").asText()).startsWith("file:");
        assertThat(post("describe", "{\"packageName\":\"hello\"}").body().at("/package/version").asText())
                .isEqualTo("2.0.0");

        assertThat(post("repository/add", "{\"name\":\"remote\",\"uri\":\"" + base + "/remote\"}").body()
                .get("type").asText()).isEqualTo("RepositoryAlreadyPresent");
        for (String name : new String[] {"remote", "plain", "local"}) {
            assertThat(post("repository/delete", "{\"name\":\"" + name + "\"}").status()).isEqualTo(200);
        }
        assertThat(post("describe", "{\"packageName\":\"hello\"}").body().get("type").asText())
                .isEqualTo("PackageNotFound");
    }

    @Test
    void capabilities_get_listsPackageManagement() throws Exception {
        for (String path : new String[] {"/capabilities", "/package/capabilities"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).contains("PACKAGE_MANAGEMENT");
        }
    }

    @Test
    void routes_withoutPackagePrefix_alsoServed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("nginx");
    }

    private static JsonNode find(JsonNode packages, String name) {
        for (JsonNode p : packages) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no package " + name + " in " + packages);
    }

    private static void zip(Path folder, Path zip, String prefix) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry(prefix + "repo/" + folder.relativize(file).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(file));
                z.closeEntry();
            }
        }
    }
}
