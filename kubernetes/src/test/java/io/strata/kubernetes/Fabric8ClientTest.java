package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fabric8 client 8 (JDK http client) against the API server: CRUD, conflicts, paging, watch, informer. */
class Fabric8ClientTest {

    private static ApiServerFixture server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = ApiServerFixture.start();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace("default").build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("app", "f8").endMetadata()
                .addToData("k", value).build();
    }

    @Test
    void crud_configMap_roundTrips() {
        ConfigMap created = client.configMaps().resource(configMap("crud", "1")).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();
        assertThat(created.getMetadata().getCreationTimestamp()).endsWith("Z");
        ConfigMap read = client.configMaps().withName("crud").get();
        assertThat(read.getData()).containsEntry("k", "1");
        read.getData().put("k", "2");
        ConfigMap updated = client.configMaps().resource(read).update();
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
        assertThat(client.configMaps().withName("crud").delete()).hasSize(1);
        assertThat(client.configMaps().withName("crud").get()).isNull();
    }

    @Test
    void update_staleResourceVersion_conflict() {
        ConfigMap created = client.configMaps().resource(configMap("stale", "1")).create();
        client.configMaps().withName("stale").edit(cm -> {
            cm.getData().put("k", "2");
            return cm;
        });
        created.getData().put("k", "3");
        assertThatThrownBy(() -> client.configMaps().resource(created).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                });
        assertThat(client.configMaps().withName("stale").get().getData()).containsEntry("k", "2");
    }

    @Test
    void list_limitAndContinue_pagesThroughAll() {
        for (int i = 0; i < 5; i++) {
            client.configMaps().inNamespace("kube-public").resource(configMap("page-" + i, "v")).create();
        }
        ConfigMapList first = client.configMaps().inNamespace("kube-public").list(
                new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(2L).build());
        assertThat(first.getItems()).hasSize(2);
        assertThat(first.getMetadata().getContinue()).isNotEmpty();
        List<ConfigMap> all = client.configMaps().inNamespace("kube-public").list().getItems();
        assertThat(all).extracting(c -> c.getMetadata().getName())
                .containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
        ConfigMapList second = client.configMaps().inNamespace("kube-public").list(
                new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(10L)
                        .withContinue(first.getMetadata().getContinue()).build());
        assertThat(second.getItems()).extracting(c -> c.getMetadata().getName())
                .containsExactly("page-2", "page-3", "page-4");
    }

    @Test
    void watch_create_receivesAddedAndDeleted() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (var w = client.configMaps().inNamespace("kube-system").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.configMaps().inNamespace("kube-system").resource(configMap("watched", "1")).create();
            client.configMaps().inNamespace("kube-system").withName("watched").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("DELETED watched"));
            assertThat(events).contains("ADDED watched");
        }
    }

    @Test
    void informer_changes_cacheFollows() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
                .withLabel("app", "informed").inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        seen.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        seen.add("update " + newObj.getData().get("k"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            ConfigMap cm = configMap("informed", "1");
            cm.getMetadata().setLabels(Map.of("app", "informed"));
            client.configMaps().resource(cm).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("add informed"));
            client.configMaps().withName("informed").edit(c -> {
                c.getData().put("k", "2");
                return c;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("update 2"));
            assertThat(informer.getStore().getByKey("default/informed").getData()).containsEntry("k", "2");
            client.configMaps().withName("informed").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("delete informed"));
        } finally {
            informer.close();
        }
    }

    @Test
    void deployment_createScaleAndCascadingDelete() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("f8web").endMetadata().withNewSpec()
                .withNewSelector().addToMatchLabels("app", "f8web").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "f8web").endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build();
        Deployment created = client.apps().deployments().resource(d).create();
        assertThat(created.getSpec().getReplicas()).isEqualTo(1);
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        client.apps().deployments().withName("f8web").scale(4, false);
        Deployment scaled = client.apps().deployments().withName("f8web").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
        ConfigMap owned = configMap("owned-by-f8web", "1");
        owned.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("Deployment").withName("f8web")
                .withUid(created.getMetadata().getUid()).build()));
        client.configMaps().resource(owned).create();
        client.apps().deployments().withName("f8web").withPropagationPolicy(
                io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.configMaps().withName("owned-by-f8web").get() == null
                && client.apps().deployments().withName("f8web").get() == null);
    }

    @Test
    void watch_labelSelector_leavingSelectionIsDeleted() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (var w = client.configMaps().inNamespace("default").withLabel("stage", "on").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            ConfigMap cm = configMap("moving", "1");
            client.configMaps().resource(cm).create();
            client.configMaps().withName("moving").edit(c -> {
                c.getMetadata().getLabels().put("stage", "on");
                return c;
            });
            client.configMaps().withName("moving").edit(c -> {
                c.getMetadata().getLabels().put("stage", "off");
                return c;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= 2);
            assertThat(events).containsExactly("ADDED moving", "DELETED moving");
        }
    }

    @Test
    void delete_podOnNode_gracefulThenForced() {
        io.fabric8.kubernetes.api.model.Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("graceful").endMetadata().withNewSpec().withNodeName("node-1").addNewContainer()
                .withName("c").withImage("nginx").endContainer().endSpec().build();
        client.pods().resource(pod).create();
        client.pods().withName("graceful").delete();
        io.fabric8.kubernetes.api.model.Pod marked = client.pods().withName("graceful").get();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
        client.pods().withName("graceful").withGracePeriod(0).delete();
        assertThat(client.pods().withName("graceful").get()).isNull();
    }

    @Test
    void create_invalidName_invalidStatusWithCause() {
        assertThatThrownBy(() -> client.configMaps().resource(configMap("Not_Valid", "1")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses().get(0).getField()).isEqualTo("metadata.name");
                });
    }
}
