package io.strata.api.mesos;

/** A network address as in MasterInfo.address. */
public record Address(String hostname, String ip, int port) {
}
