package io.strata.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.dns.records.RecordSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Pure mapping of Kubernetes Services to DNS records, as CoreDNS's kubernetes plugin: {@code
 * <service>.<namespace>.svc.<zone>} A -> the ClusterIP, and {@code _<port>._<proto>.<service>.<namespace>.svc.<zone>}
 * SRV -> {@code <service>.<namespace>.svc.<zone>:<port>} for every named port. Headless services (ClusterIP
 * {@code None}) answer the ready addresses of their Endpoints instead: the service name A -> every ready address,
 * {@code <hostname or a-b-c-d>.<service>.<namespace>.svc.<zone>} A -> that address, and the named ports' SRV ->
 * those per-endpoint names with the endpoint port.
 */
public final class KubernetesServiceRecords {
    /** The Kubernetes cluster domain. */
    public static final String ZONE = "cluster.local";

    private KubernetesServiceRecords() {
    }

    /** One service port. */
    public record Port(String name, String protocol, int port) {
        /** Validates the fields. */
        public Port {
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** The parts of a Service that DNS needs. */
    public record Service(String namespace, String name, String clusterIp, List<Port> ports) {
        /** Validates and copies. */
        public Service {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            ports = List.copyOf(ports);
        }

        /** The model key: {@code namespace/name}. */
        public String key() {
            return namespace + "/" + name;
        }

        /** Reads a Service object of the Kubernetes API. */
        public static Service of(JsonNode object) {
            JsonNode meta = object.path("metadata");
            JsonNode spec = object.path("spec");
            List<Port> ports = new ArrayList<>();
            for (JsonNode p : spec.path("ports")) {
                ports.add(new Port(p.path("name").asText(""), p.path("protocol").asText("TCP"),
                        p.path("port").asInt()));
            }
            return new Service(meta.path("namespace").asText("default"), meta.path("name").asText(),
                    spec.path("clusterIP").asText(""), ports);
        }
    }

    /** A ready endpoint address: its IPv4 address and optional hostname. */
    public record Address(String ip, String hostname) {
        /** Validates the address. */
        public Address {
            Objects.requireNonNull(ip, "ip");
            hostname = hostname == null ? "" : hostname;
        }
    }

    /** The ready addresses and ports of one Endpoints object (named like its Service). */
    public record Endpoints(String namespace, String name, List<Address> addresses, List<Port> ports) {
        /** Validates and copies. */
        public Endpoints {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
            ports = List.copyOf(ports);
        }

        /** The model key: {@code namespace/name}. */
        public String key() {
            return namespace + "/" + name;
        }

        /** Reads an Endpoints object of the Kubernetes API (only {@code addresses}, not the not-ready ones). */
        public static Endpoints of(JsonNode object) {
            JsonNode meta = object.path("metadata");
            List<Address> addresses = new ArrayList<>();
            List<Port> ports = new ArrayList<>();
            for (JsonNode subset : object.path("subsets")) {
                for (JsonNode a : subset.path("addresses")) {
                    addresses.add(new Address(a.path("ip").asText(""), a.path("hostname").asText("")));
                }
                for (JsonNode p : subset.path("ports")) {
                    ports.add(new Port(p.path("name").asText(""), p.path("protocol").asText("TCP"),
                            p.path("port").asInt()));
                }
            }
            return new Endpoints(meta.path("namespace").asText("default"), meta.path("name").asText(), addresses,
                    ports);
        }
    }

    /** The records of {@code services} (ClusterIP services only), authoritative for {@value #ZONE}. */
    public static RecordSet generate(Collection<Service> services) {
        return generate(services, java.util.Map.of());
    }

    /** The records of {@code services}, headless ones from {@code endpoints} (by {@code namespace/name}). */
    public static RecordSet generate(Collection<Service> services, java.util.Map<String, Endpoints> endpoints) {
        RecordSet.Builder b = new RecordSet.Builder().domain(ZONE);
        for (Service s : services) {
            String host = s.name() + "." + s.namespace() + ".svc." + ZONE;
            if ("None".equals(s.clusterIp())) {
                Endpoints e = endpoints.get(s.key());
                if (e != null) {
                    headless(b, host, e);
                }
                continue;
            }
            if (s.clusterIp().isEmpty() || !s.clusterIp().contains(".")) {
                continue; // not yet allocated, or IPv6 (no AAAA support)
            }
            b.a(host, s.clusterIp());
            for (Port p : s.ports()) {
                if (!p.name().isEmpty() && p.port() > 0 && p.port() <= 65_535) {
                    b.srv("_" + p.name().toLowerCase(Locale.ROOT) + "._" + p.protocol().toLowerCase(Locale.ROOT)
                            + "." + host, host, p.port());
                }
            }
        }
        return b.build();
    }

    private static void headless(RecordSet.Builder b, String host, Endpoints e) {
        for (Address a : e.addresses()) {
            if (!a.ip().contains(".")) {
                continue;
            }
            String label = a.hostname().isEmpty() ? a.ip().replace('.', '-')
                    : io.strata.dns.records.Naming.label(a.hostname());
            String endpointHost = label + "." + host;
            b.a(host, a.ip());
            b.a(endpointHost, a.ip());
            for (Port p : e.ports()) {
                if (!p.name().isEmpty() && p.port() > 0 && p.port() <= 65_535) {
                    b.srv("_" + p.name().toLowerCase(Locale.ROOT) + "._" + p.protocol().toLowerCase(Locale.ROOT)
                            + "." + host, endpointHost, p.port());
                }
            }
        }
    }
}
