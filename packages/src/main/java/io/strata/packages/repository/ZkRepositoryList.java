package io.strata.packages.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The repository list in ZooKeeper: one znode per repository under {@code <base>/packages/repositories}, named by
 * the URL-encoded repository name, holding {@code {"name","uri","position"}}.
 *
 * <p>A list that was never written starts as {@link RepositoryEntry#builtin()}. Changes rewrite the positions of
 * every entry in one ZooKeeper transaction guarded by the versions read, retried when another writer won, so
 * concurrent adds never lose an entry or duplicate a position.
 */
public final class ZkRepositoryList implements RepositoryList {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 40;
    private static final int MAX_BACKOFF_MILLIS = 40;

    private final CuratorFramework curator;
    private final String root;

    /** The list under {@code basePath} (the cluster's chroot, e.g. {@code /strata}); seeds it when absent. */
    public ZkRepositoryList(CuratorFramework curator, String basePath) {
        this.curator = curator;
        this.root = (basePath.endsWith("/") ? basePath : basePath + "/") + "packages/repositories";
        seed();
    }

    private record Stored(RepositoryEntry entry, int position, int version) {
    }

    @Override
    public List<RepositoryEntry> list() {
        return read().stream().map(Stored::entry).toList();
    }

    @Override
    public List<RepositoryEntry> add(RepositoryEntry entry, Integer index) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Stored> current = read();
            for (Stored stored : current) {
                if (stored.entry().name().equals(entry.name()) || stored.entry().uri().equals(entry.uri())) {
                    throw PackageException.withField(ErrorType.RepositoryAlreadyPresent, "repository "
                            + stored.entry().name() + " (" + stored.entry().uri() + ") is already present", "name",
                            stored.entry().name());
                }
            }
            int at = index == null ? current.size() : index;
            if (at < 0 || at > current.size()) {
                throw PackageException.withField(ErrorType.MalformedRequest, "index must be 0.." + current.size()
                        + ", not " + index, "index", String.valueOf(index));
            }
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(op(() -> curator.transactionOp().create().forPath(path(entry.name()), bytes(entry, at))));
            for (int i = at; i < current.size(); i++) {
                Stored shifted = current.get(i);
                int position = i + 1;
                ops.add(op(() -> curator.transactionOp().setData().withVersion(shifted.version())
                        .forPath(path(shifted.entry().name()), bytes(shifted.entry(), position))));
            }
            if (commit(ops)) {
                return list();
            }
            backoff();
        }
        throw new PackageException(ErrorType.ServiceUnavailable, "the repository list kept changing; try again");
    }

    @Override
    public List<RepositoryEntry> remove(String name, String uri) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Stored> current = read();
            Stored found = current.stream().filter(s -> name != null ? s.entry().name().equals(name)
                    : s.entry().uri().equals(uri)).findFirst().orElseThrow(() -> PackageException.withField(
                            ErrorType.RepositoryNotPresent, "no repository named " + (name != null ? name
                                    : "with uri " + uri), name != null ? "name" : "uri",
                            String.valueOf(name != null ? name : uri)));
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(op(() -> curator.transactionOp().delete().withVersion(found.version())
                    .forPath(path(found.entry().name()))));
            if (commit(ops)) {
                return list();
            }
            backoff();
        }
        throw new PackageException(ErrorType.ServiceUnavailable, "the repository list kept changing; try again");
    }

    private List<Stored> read() {
        try {
            List<Stored> stored = new ArrayList<>();
            for (String child : curator.getChildren().forPath(root)) {
                Stat stat = new Stat();
                byte[] data;
                try {
                    data = curator.getData().storingStatIn(stat).forPath(root + "/" + child);
                } catch (KeeperException.NoNodeException gone) {
                    continue;
                }
                JsonNode json = JSON.readTree(data);
                stored.add(new Stored(new RepositoryEntry(json.path("name").asText(URLDecoder.decode(child,
                        StandardCharsets.UTF_8)), json.path("uri").asText()), json.path("position").asInt(),
                        stat.getVersion()));
            }
            stored.sort(Comparator.comparingInt(Stored::position).thenComparing(s -> s.entry().name()));
            return stored;
        } catch (PackageException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private void seed() {
        try {
            if (curator.checkExists().forPath(root) != null) {
                return;
            }
            curator.create().creatingParentsIfNeeded().forPath(root);
            RepositoryEntry builtin = RepositoryEntry.builtin();
            curator.create().forPath(path(builtin.name()), bytes(builtin, 0));
        } catch (KeeperException.NodeExistsException raced) {
            // another service instance seeded it first
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private boolean commit(List<CuratorOp> ops) {
        try {
            curator.transaction().forOperations(ops);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException
                 | KeeperException.NodeExistsException conflict) {
            return false;
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    /** Sleeps a random short while so writers that lost a race do not collide again in lockstep. */
    private static void backoff() {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, MAX_BACKOFF_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackageException(ErrorType.ServiceUnavailable, "interrupted while changing the repository list");
        }
    }

    private interface OpBuilder {
        CuratorOp build() throws Exception;
    }

    private static CuratorOp op(OpBuilder builder) {
        try {
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("building a transaction op does not talk to ZooKeeper", e);
        }
    }

    private String path(String name) {
        return root + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(RepositoryEntry entry, int position) {
        ObjectNode json = JSON.createObjectNode().put("name", entry.name()).put("uri", entry.uri())
                .put("position", position);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static PackageException unavailable(Exception e) {
        return new PackageException(ErrorType.ServiceUnavailable, "the repository list in ZooKeeper is unavailable: "
                + e.getMessage());
    }
}
