package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pod volumes and init containers with the real kubectl, a real master, a real agent running busybox (pulled from a
 * real registry) with runc: configMap and secret files, an emptyDir written by an init container and read by the
 * app container in the same network namespace, a missing configMap holding the pod with FailedMount until it exists,
 * file modes (defaultMode, items[].mode) as {@code stat} sees them in the container, and an unsupported volume type or
 * a mode out of range refused with 422.
 */
class PodVolumesKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.imagePods("[31600-31700]", false);

    private static void awaitRunning(String pod, String ready) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", pod))
                        .containsPattern(pod + "\\s+" + ready + "\\s+Running\\s+0\\s+"));
    }

    @Test
    void configMapAndSecretVolumes_containerReadsTheirFiles() throws Exception {
        RUNTIME.run("create", "configmap", "app-config", "--from-literal=app.conf=hello-from-configmap",
                "--from-literal=other=second-key");
        RUNTIME.run("create", "secret", "generic", "creds", "--from-literal=password=s3cret-value");
        Path f = RUNTIME.kubectl().file("mounts.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: mounts
                spec:
                  terminationGracePeriodSeconds: 1
                  volumes:
                  - name: config
                    configMap:
                      name: app-config
                  - name: only-other
                    configMap:
                      name: app-config
                      items:
                      - key: other
                        path: nested/other.txt
                  - name: secret
                    secret:
                      secretName: creds
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "cat /etc/config/app.conf; echo; cat /etc/app.conf; echo; cat /opt/nested/other.txt; echo; cat /etc/secret/password; echo; ls /etc/config; (echo changed > /etc/config/app.conf) 2>/dev/null || echo read-only; exec sleep 600"]
                    volumeMounts:
                    - name: config
                      mountPath: /etc/config
                    - name: config
                      mountPath: /etc/app.conf
                      subPath: app.conf
                    - name: only-other
                      mountPath: /opt
                    - name: secret
                      mountPath: /etc/secret
                      readOnly: true
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/mounts created");
        awaitRunning("mounts", "1/1");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RUNTIME.run("logs", "mounts"))
                .contains("hello-from-configmap\nhello-from-configmap\nsecond-key\ns3cret-value\n")
                .contains("app.conf").contains("other").contains("read-only"));
        RUNTIME.run("delete", "pod", "mounts", "--wait=true");
    }

    @Test
    void fileModes_defaultModeAndItemModeReachTheFilesInTheContainer() throws Exception {
        RUNTIME.run("create", "secret", "generic", "moded", "--from-literal=password=pw", "--from-literal=token=tk");
        RUNTIME.run("create", "configmap", "plain-config", "--from-literal=key=v");
        Path f = RUNTIME.kubectl().file("modes.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: modes
                spec:
                  terminationGracePeriodSeconds: 1
                  volumes:
                  - name: secret
                    secret:
                      secretName: moded
                      defaultMode: 0400
                      items:
                      - key: password
                        path: password
                      - key: token
                        path: token
                        mode: 0600
                  - name: config
                    configMap:
                      name: plain-config
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "stat -c '%a %u %n' /etc/s/password /etc/s/token /etc/c/key; cat /etc/s/token; echo; exec sleep 600"]
                    volumeMounts:
                    - name: secret
                      mountPath: /etc/s
                    - name: config
                      mountPath: /etc/c
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/modes created");
        awaitRunning("modes", "1/1");

        // as upstream: defaultMode for the files without a mode, the item's own mode, 0644 by default; owned by root
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RUNTIME.run("logs", "modes"))
                .isEqualTo("400 0 /etc/s/password\n600 0 /etc/s/token\n644 0 /etc/c/key\ntk\n"));
        RUNTIME.run("delete", "pod", "modes", "--wait=true");
    }

    @Test
    void fileModeOutOfRange_isRefusedWith422NamingTheField() throws Exception {
        Path f = RUNTIME.kubectl().file("badmode.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: badmode
                spec:
                  volumes:
                  - name: secret
                    secret:
                      secretName: moded
                      defaultMode: 1000
                  containers:
                  - name: main
                    image: busybox
                """);
        Kubectl.Result r = RUNTIME.kubectl().run("create", "-f", f.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("The Pod \"badmode\" is invalid: spec.volumes[0].secret.defaultMode: Invalid "
                + "value: 1000: must be a number between 0 and 0777 (octal), both inclusive");
        assertThat(RUNTIME.kubectl().run("get", "pod", "badmode").exit()).isNotZero();
    }

    @Test
    void emptyDir_writtenByAnInitContainer_readByTheAppInTheSameNetworkNamespace() throws Exception {
        Path f = RUNTIME.kubectl().file("shared.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shared
                spec:
                  terminationGracePeriodSeconds: 1
                  volumes:
                  - name: work
                    emptyDir: {}
                  initContainers:
                  - name: prepare
                    image: busybox
                    command: ["sh", "-c", "echo written-by-init > /work/message; readlink /proc/self/ns/net > /work/netns"]
                    volumeMounts:
                    - name: work
                      mountPath: /work
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "cat /data/message; if [ \\"$(cat /data/netns)\\" = \\"$(readlink /proc/self/ns/net)\\" ]; then echo same-network-namespace; else echo other-network-namespace; fi; exec sleep 600"]
                    volumeMounts:
                    - name: work
                      mountPath: /data
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/shared created");
        awaitRunning("shared", "1/1");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RUNTIME.run("logs", "shared", "-c", "app"))
                .isEqualTo("written-by-init\nsame-network-namespace\n"));
        assertThat(RUNTIME.run("get", "pod", "shared", "-o",
                "jsonpath={.status.initContainerStatuses[0].state.terminated.reason}")).isEqualTo("Completed");
        RUNTIME.run("delete", "pod", "shared", "--wait=true");
    }

    @Test
    void missingConfigMap_podWaitsWithFailedMount_untilTheConfigMapExists() throws Exception {
        Path f = RUNTIME.kubectl().file("waiting.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: waiting
                spec:
                  terminationGracePeriodSeconds: 1
                  volumes:
                  - name: config
                    configMap:
                      name: late-config
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "cat /config/key; exec sleep 600"]
                    volumeMounts:
                    - name: config
                      mountPath: /config
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/waiting created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "events", "--field-selector", "involvedObject.name=waiting"))
                        .contains("FailedMount")
                        .contains("MountVolume.SetUp failed for volume \"config\" : configmap \"late-config\" not found"));
        assertThat(RUNTIME.run("get", "pod", "waiting")).containsPattern("waiting\\s+0/1\\s+ContainerCreating\\s+0\\s+");

        RUNTIME.run("create", "configmap", "late-config", "--from-literal=key=arrived");
        awaitRunning("waiting", "1/1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RUNTIME.run("logs", "waiting"))
                .isEqualTo("arrived"));
        RUNTIME.run("delete", "pod", "waiting", "--wait=true");
    }

    @Test
    void unsupportedVolumeType_isRefusedWith422NamingTheField() throws Exception {
        Path f = RUNTIME.kubectl().file("hostpath.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: hostpath
                spec:
                  volumes:
                  - name: root
                    hostPath:
                      path: /
                  containers:
                  - name: main
                    image: busybox
                """);
        Kubectl.Result r = RUNTIME.kubectl().run("create", "-f", f.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("The Pod \"hostpath\" is invalid: spec.volumes[0]: Unsupported value: "
                + "\"hostPath\": supported values: \"configMap\", \"emptyDir\", \"secret\"");
        assertThat(RUNTIME.kubectl().run("get", "pod", "hostpath").exit()).isNotZero();
    }
}
