package io.strata.kubernetes.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Keeps the framework id in ZooKeeper ({@code <chroot>/kubernetes/framework-id}) so a restart fails over. */
public final class FrameworkIdStore {
    private final CuratorFramework zk;
    private final String path;

    /** A store at {@code path} (absolute, including the chroot). */
    public FrameworkIdStore(CuratorFramework zk, String path) {
        this.zk = zk;
        this.path = path;
    }

    /** The stored id, if any. */
    public Optional<String> get() {
        try {
            return Optional.of(new String(zk.getData().forPath(path), StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Stores {@code id}. */
    public void put(String id) {
        byte[] data = id.getBytes(StandardCharsets.UTF_8);
        try {
            try {
                zk.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException e) {
                zk.create().creatingParentsIfNeeded().forPath(path, data);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
