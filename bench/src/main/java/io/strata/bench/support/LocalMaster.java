package io.strata.bench.support;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An embedded ZooKeeper in a temporary directory and, optionally, a leading master in this JVM. */
public final class LocalMaster implements AutoCloseable {
    private final EmbeddedZooKeeper zk;
    private final Master master;

    private LocalMaster(EmbeddedZooKeeper zk, Master master) {
        this.zk = zk;
        this.master = master;
    }

    /** Starts ZooKeeper only (the master runs elsewhere). */
    public static LocalMaster zooKeeperOnly() {
        return new LocalMaster(startZooKeeper(), null);
    }

    /** Starts ZooKeeper and a master configured by {@code tune} from the defaults, and waits for leadership. */
    public static LocalMaster start(UnaryOperator<MasterConfig> tune) {
        EmbeddedZooKeeper zk = startZooKeeper();
        Master master = Master.start(tune.apply(MasterConfig.defaults("127.0.0.1", 0, zk.connectString() + "/strata")));
        if (!master.awaitLeadership(Duration.ofSeconds(30))) {
            throw new IllegalStateException("master did not take leadership within 30 s");
        }
        return new LocalMaster(zk, master);
    }

    private static EmbeddedZooKeeper startZooKeeper() {
        try {
            Path dir = Files.createTempDirectory("strata-bench-zk");
            return EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ZooKeeper address with the master's chroot, for {@link MasterConfig#zk()}. */
    public String zkWithPath() {
        return zk.connectString() + "/strata";
    }

    /** The in-process master; throws when this is ZooKeeper only. */
    public Master master() {
        if (master == null) {
            throw new IllegalStateException("no in-process master");
        }
        return master;
    }

    @Override
    public void close() {
        if (master != null) {
            master.close();
        }
        zk.close();
    }
}
