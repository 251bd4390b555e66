package io.strata.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.Address;
import io.strata.api.mesos.MasterInfo;
import io.strata.store.Curators;
import io.strata.store.StoreException;
import io.strata.store.ZkAddress;
import io.strata.store.leader.LeaderDetector;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;

/**
 * Reads the leading master of a {@code zk://host:port[,..]/path} address with the store module's
 * {@link LeaderDetector}: connects, waits for the leader's {@code json.info_*} member and parses its MasterInfo
 * JSON, then closes the session. One lookup per call; nothing is cached.
 */
final class ZooKeeperLeaderLookup implements LeaderLookup {

    @Override
    public MasterInfo leader(String zkUrl, Duration timeout) {
        ZkAddress address;
        try {
            address = ZkAddress.parse(zkUrl);
        } catch (IllegalArgumentException e) {
            throw StrataClientException.invalidAddress(zkUrl, e.getMessage());
        }
        URI where = URI.create("zk://" + address.connectString().split(",")[0]);
        try (CuratorFramework curator = Curators.connect(address, Curators.DEFAULT_SESSION_TIMEOUT, timeout);
             LeaderDetector detector = new LeaderDetector(curator, address.path())) {
            detector.start();
            byte[] data = detector.awaitLeader(timeout).orElseThrow(() -> new StrataClientException(
                    StrataClientException.Code.UNAVAILABLE, "no leading master under " + address + " within "
                    + timeout.toSeconds() + " s", null));
            return masterInfo(data);
        } catch (StoreException e) {
            throw new StrataClientException(StrataClientException.Code.UNREACHABLE,
                    "cannot reach ZooKeeper at " + address + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw StrataClientException.protocol(where, "the leader's MasterInfo is not JSON: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StrataClientException.interrupted(where, e);
        }
    }

    /**
     * Reads MasterInfo leniently: masters publish {@code id, pid, hostname, address} and may leave out the
     * numeric {@code ip} and {@code port} that the strict record mapping requires. Public through
     * {@link MasterLocator#masterInfo(byte[])}.
     */
    static MasterInfo masterInfo(byte[] json) throws IOException {
        JsonNode node = Json.mesos().readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object");
        }
        JsonNode address = node.path("address");
        Address parsed = address.isObject()
                ? new Address(text(address, "hostname"), text(address, "ip"), address.path("port").asInt(0))
                : null;
        return new MasterInfo(text(node, "id"), node.path("ip").asLong(0), node.path("port").asInt(0),
                text(node, "pid"), text(node, "hostname"), text(node, "version"), parsed);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }
}
