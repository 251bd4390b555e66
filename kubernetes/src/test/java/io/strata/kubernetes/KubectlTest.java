package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl 1.32 against the API server: outputs and error texts as upstream prints them. */
class KubectlTest {

    private static ApiServerFixture server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        assumeTrue(Kubectl.available(), "kubectl tests skipped: /usr/bin/kubectl is not installed");
        server = ApiServerFixture.start();
        kubectl = new Kubectl(server.url(), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String pod(String name) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels:
                    app: %s
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    ports:
                    - containerPort: 80
                """.formatted(name, name);
    }

    @Test
    void version_serverIs132() throws Exception {
        Kubectl.Result r = kubectl.run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Server Version: v1.32.0");
    }

    @Test
    void createGetDelete_pod_printsAsUpstream() throws Exception {
        Path f = kubectl.file("p1.yml", pod("p1"));
        assertThat(kubectl.run("create", "-f", f.toString()).out()).isEqualTo("pod/p1 created\n");
        Kubectl.Result get = kubectl.run("get", "pod", "p1");
        assertThat(get.out()).matches("NAME   READY   STATUS    RESTARTS   AGE\np1     0/1     Pending   0          \\d+s\n");
        assertThat(kubectl.run("get", "pod", "p1", "-o", "jsonpath={.spec.containers[0].ports[0].protocol}").out())
                .isEqualTo("TCP");
        assertThat(kubectl.run("get", "pod", "p1", "-o", "yaml").out()).contains("name: p1", "phase: Pending",
                "imagePullPolicy: Always");
        Kubectl.Result again = kubectl.run("create", "-f", f.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error from server (AlreadyExists): error when creating \"" + f
                + "\": pods \"p1\" already exists\n");
        assertThat(kubectl.run("delete", "pod", "p1").out()).isEqualTo("pod \"p1\" deleted\n");
        Kubectl.Result missing = kubectl.run("get", "pod", "p1");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error from server (NotFound): pods \"p1\" not found\n");
    }

    @Test
    void create_invalidName_printsInvalid() throws Exception {
        Path f = kubectl.file("bad.yml", pod("Bad_Name"));
        Kubectl.Result r = kubectl.run("create", "-f", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("The Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": "
                + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
                + "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
                + "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n");
        assertThat(kubectl.run("get", "pods", "-o", "name").out()).doesNotContain("Bad_Name");
    }

    @Test
    void create_unknownFieldUnderStrict_printsBadRequest() throws Exception {
        Path f = kubectl.file("unknown.yml", pod("unknown").replace("spec:\n", "spec:\n  foo: bar\n"));
        Kubectl.Result r = kubectl.run("create", "-f", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error from server (BadRequest): error when creating \"" + f + "\": Pod in "
                + "version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.foo\"\n");
        Kubectl.Result warn = kubectl.run("create", "-f", f.toString(), "--validate=warn");
        assertThat(warn.out()).isEqualTo("pod/unknown created\n");
        assertThat(warn.err()).isEqualTo("Warning: unknown field \"spec.foo\"\n");
    }

    @Test
    void create_missingImages_printsCauses() throws Exception {
        Path f = kubectl.file("noimage.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: noimage
                spec:
                  containers:
                  - name: a
                  - name: b
                """);
        Kubectl.Result r = kubectl.run("create", "-f", f.toString());
        assertThat(r.err()).isEqualTo("The Pod \"noimage\" is invalid: \n* spec.containers[0].image: Required value\n"
                + "* spec.containers[1].image: Required value\n");
    }

    @Test
    void apply_twice_clientSideAndServerSide_unchanged() throws Exception {
        Path f = kubectl.file("cm.yml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: applied
                data:
                  a: "1"
                """);
        assertThat(kubectl.run("apply", "-f", f.toString()).out()).isEqualTo("configmap/applied created\n");
        assertThat(kubectl.run("apply", "-f", f.toString()).out()).isEqualTo("configmap/applied unchanged\n");
        kubectl.file("cm.yml", java.nio.file.Files.readString(f).replace("\"1\"", "\"2\""));
        assertThat(kubectl.run("apply", "-f", f.toString()).out()).isEqualTo("configmap/applied configured\n");
        assertThat(kubectl.run("get", "cm", "applied", "-o", "jsonpath={.data.a}").out()).isEqualTo("2");
        assertThat(kubectl.run("apply", "--server-side", "-f", f.toString()).out())
                .isEqualTo("configmap/applied serverside-applied\n");
        assertThat(kubectl.run("apply", "--server-side", "-f", f.toString()).out())
                .isEqualTo("configmap/applied serverside-applied\n");
        Path fresh = kubectl.file("ssa.yml", java.nio.file.Files.readString(f).replace("applied", "ssa-fresh"));
        assertThat(kubectl.run("apply", "--server-side", "-f", fresh.toString()).out())
                .isEqualTo("configmap/ssa-fresh serverside-applied\n");
        assertThat(kubectl.run("get", "cm", "ssa-fresh", "-o", "jsonpath={.data.a}").out()).isEqualTo("2");
        Path labelled = kubectl.file("ssa2.yml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ssa-drop
                  labels:
                    keep: "yes"
                    drop: "yes"
                data:
                  a: "1"
                  b: "2"
                """);
        kubectl.run("apply", "--server-side", "-f", labelled.toString());
        kubectl.file("ssa2.yml", java.nio.file.Files.readString(labelled).replace("    drop: \"yes\"\n", "")
                .replace("  b: \"2\"\n", ""));
        assertThat(kubectl.run("apply", "--server-side", "-f", labelled.toString()).out())
                .isEqualTo("configmap/ssa-drop serverside-applied\n");
        assertThat(kubectl.run("get", "cm", "ssa-drop", "-o", "jsonpath={.metadata.labels} {.data}").out())
                .isEqualTo("{\"keep\":\"yes\"} {\"a\":\"1\"}");
    }

    @Test
    void createGenerators_protobufBodies_created() throws Exception {
        assertThat(kubectl.run("create", "deployment", "web", "--image=nginx").out())
                .isEqualTo("deployment.apps/web created\n");
        assertThat(kubectl.run("create", "namespace", "gen-ns").out()).isEqualTo("namespace/gen-ns created\n");
        assertThat(kubectl.run("create", "configmap", "gen-cm", "--from-literal=k=v").out())
                .isEqualTo("configmap/gen-cm created\n");
        assertThat(kubectl.run("create", "secret", "generic", "gen-secret", "--from-literal=k=v").out())
                .isEqualTo("secret/gen-secret created\n");
        assertThat(kubectl.run("create", "service", "clusterip", "gen-svc", "--tcp=80:8080").out())
                .isEqualTo("service/gen-svc created\n");
        assertThat(kubectl.run("create", "job", "gen-job", "--image=busybox", "--", "echo", "hi").out())
                .isEqualTo("job.batch/gen-job created\n");
        assertThat(kubectl.run("get", "secret", "gen-secret", "-o", "jsonpath={.data.k}").out()).isEqualTo("dg==");
        assertThat(kubectl.run("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
                .out()).isEqualTo("nginx");
        assertThat(kubectl.run("scale", "deployment", "web", "--replicas=3").out())
                .isEqualTo("deployment.apps/web scaled\n");
        assertThat(kubectl.run("get", "deploy", "web").out()).matches(
                "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    0/3     [0-3]            0           \\d+s\n");
        assertThat(kubectl.run("get", "svc", "gen-svc").out()).matches("NAME      TYPE        CLUSTER-IP +EXTERNAL-IP"
                + "   PORT\\(S\\)   AGE\ngen-svc   ClusterIP   127\\.100\\.\\d+\\.\\d+ +<none>        80/TCP    \\d+s\n");
    }

    @Test
    void labelPatchAnnotate_changeObject() throws Exception {
        kubectl.run("create", "-f", kubectl.file("lp.yml", pod("lp")).toString());
        assertThat(kubectl.run("label", "pod", "lp", "tier=web").out()).isEqualTo("pod/lp labeled\n");
        assertThat(kubectl.run("patch", "pod", "lp", "-p", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").out())
                .isEqualTo("pod/lp patched\n");
        assertThat(kubectl.run("patch", "pod", "lp", "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/z\",\"value\":\"1\"}]").out()).isEqualTo("pod/lp patched\n");
        assertThat(kubectl.run("get", "pods", "-l", "tier in (web),x=y", "-o", "name").out()).isEqualTo("pod/lp\n");
        assertThat(kubectl.run("get", "pod", "lp", "--show-labels").out()).contains("app=lp,tier=web,x=y,z=1");
    }

    @Test
    void describe_pod_printsDetails() throws Exception {
        kubectl.run("create", "-f", kubectl.file("desc.yml", pod("desc")).toString());
        Kubectl.Result r = kubectl.run("describe", "pod", "desc");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Name:             desc", "Namespace:        default", "Status:           Pending",
                "Image:        nginx", "Port:         80/TCP");
        String port = server.url().substring(server.url().lastIndexOf(':') + 1);
        Kubectl.Result svc = kubectl.run("describe", "svc", "kubernetes");
        assertThat(svc.out()).contains("IP:                       127.100.0.1",
                "Endpoints:                127.0.0.1:" + port);
    }

    @Test
    void getWatch_change_printsNewRow() throws Exception {
        kubectl.run("create", "-f", kubectl.file("watched.yml", pod("watched")).toString());
        Kubectl.Running watch = kubectl.start("get", "pods", "watched", "-w");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.outSoFar().contains("watched"));
            kubectl.run("delete", "pod", "watched", "--wait=false");
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.outSoFar().lines().count() >= 3);
        } finally {
            watch.kill();
        }
    }

    @Test
    void deleteNamespace_withContents_waitsUntilGone() throws Exception {
        kubectl.run("create", "namespace", "doomed");
        kubectl.run("create", "configmap", "inside", "-n", "doomed", "--from-literal=a=b");
        Kubectl.Result r = kubectl.run("delete", "namespace", "doomed");
        assertThat(r.out()).isEqualTo("namespace \"doomed\" deleted\n");
        Kubectl.Result gone = kubectl.run("get", "namespace", "doomed");
        assertThat(gone.err()).isEqualTo("Error from server (NotFound): namespaces \"doomed\" not found\n");
    }

    @Test
    void create_dryRunServer_storesNothing() throws Exception {
        Path f = kubectl.file("dry.yml", pod("dry"));
        assertThat(kubectl.run("create", "-f", f.toString(), "--dry-run=server").out())
                .isEqualTo("pod/dry created (server dry run)\n");
        assertThat(kubectl.run("get", "pod", "dry").exit()).isEqualTo(1);
    }

    @Test
    void getList_yaml_isKindList() throws Exception {
        kubectl.run("create", "configmap", "listed", "--from-literal=a=b", "-n", "kube-public");
        Kubectl.Result r = kubectl.run("get", "cm", "-n", "kube-public", "-o", "yaml");
        assertThat(r.out()).startsWith("apiVersion: v1\nitems:\n").contains("kind: List", "name: listed");
        Kubectl.Result none = kubectl.run("get", "pods", "-n", "kube-node-lease");
        assertThat(none.err()).isEqualTo("No resources found in kube-node-lease namespace.\n");
    }
}
