package io.strata.packages.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZkRepositoryListTest {
    private static TestingServer zookeeper;
    private static CuratorFramework curator;
    private static int base;

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        curator = Curators.connect(ZkAddress.parse(zookeeper.getConnectString() + "/strata"), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        curator.close();
        zookeeper.close();
    }

    private static String freshBase() {
        return "/cluster" + (++base);
    }

    private static RepositoryEntry entry(String name) {
        return new RepositoryEntry(name, "https://repo.example/" + name.replace(' ', '-') + ".zip");
    }

    @Test
    void list_newCluster_holdsTheBuiltinRepository() {
        assertThat(new ZkRepositoryList(curator, freshBase()).list()).containsExactly(RepositoryEntry.builtin());
    }

    @Test
    void add_withAndWithoutIndex_insertsInOrderAndPersists() throws Exception {
        String path = freshBase();
        ZkRepositoryList list = new ZkRepositoryList(curator, path);
        list.add(entry("last"), null);
        list.add(entry("first one"), 0);
        list.add(entry("middle/x"), 2);
        List<String> expected = List.of("first one", "Universe", "middle/x", "last");
        assertThat(list.list()).extracting(RepositoryEntry::name).containsExactlyElementsOf(expected);
        assertThat(curator.getChildren().forPath(path + "/packages/repositories")).hasSize(4);
        assertThat(new ZkRepositoryList(curator, path).list()).extracting(RepositoryEntry::name)
                .as("another instance reads the same list").containsExactlyElementsOf(expected);
    }

    @Test
    void add_duplicateNameOrUri_alreadyPresentAndUnchanged() {
        ZkRepositoryList list = new ZkRepositoryList(curator, freshBase());
        list.add(entry("a"), null);
        assertThatThrownBy(() -> list.add(new RepositoryEntry("a", "https://other/x.zip"), null))
                .isInstanceOfSatisfying(PackageException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.RepositoryAlreadyPresent));
        assertThatThrownBy(() -> list.add(new RepositoryEntry("b", entry("a").uri()), null))
                .isInstanceOfSatisfying(PackageException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.RepositoryAlreadyPresent));
        assertThat(list.list()).extracting(RepositoryEntry::name).containsExactly("Universe", "a");
    }

    @Test
    void add_indexOutOfRange_malformedRequest() {
        ZkRepositoryList list = new ZkRepositoryList(curator, freshBase());
        assertThatThrownBy(() -> list.add(entry("a"), 5)).isInstanceOfSatisfying(PackageException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.MalformedRequest));
        assertThat(list.list()).hasSize(1);
    }

    @Test
    void remove_byNameOrUri_removesAndUnknownIsNotPresent() {
        ZkRepositoryList list = new ZkRepositoryList(curator, freshBase());
        list.add(entry("a"), null);
        list.add(entry("b"), null);
        assertThat(list.remove("a", null)).extracting(RepositoryEntry::name).containsExactly("Universe", "b");
        assertThat(list.remove(null, entry("b").uri())).containsExactly(RepositoryEntry.builtin());
        assertThatThrownBy(() -> list.remove("zzz", null)).isInstanceOfSatisfying(PackageException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.RepositoryNotPresent));
        assertThat(list.remove("Universe", null)).isEmpty();
        assertThat(new ZkRepositoryList(curator, "/cluster" + base).list()).as("an emptied list is not reseeded")
                .isEmpty();
    }

    @Test
    void add_concurrentWriters_noEntryLost() throws Exception {
        String path = freshBase();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                RepositoryEntry e = entry("r" + i);
                adds.add(pool.submit(() -> new ZkRepositoryList(curator, path).add(e, 0)));
            }
            for (Future<?> add : adds) {
                add.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new ZkRepositoryList(curator, path).list()).hasSize(13).doesNotHaveDuplicates();
    }

    @Test
    void entry_badUri_repositoryUriSyntax() {
        for (String uri : List.of("ftp://x/y", "not a uri", "builtin:other", "http:///nohost")) {
            assertThatThrownBy(() -> new RepositoryEntry("x", uri)).as(uri).isInstanceOfSatisfying(
                    PackageException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.RepositoryUriSyntax));
        }
    }
}
