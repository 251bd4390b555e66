package io.strata.api.mesos;

/**
 * What a master publishes about itself in ZooKeeper ({@code json.info_<seq>}) and in SUBSCRIBED:
 * {@code ip} is the IPv4 address as a little-endian uint32, as Mesos writes it.
 */
public record MasterInfo(String id, long ip, int port, String pid, String hostname, String version,
                         Address address) {
}
