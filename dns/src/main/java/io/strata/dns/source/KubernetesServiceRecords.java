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
 * {@code None}) get no records here.
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

    /** The records of {@code services}, authoritative for {@value #ZONE}. */
    public static RecordSet generate(Collection<Service> services) {
        RecordSet.Builder b = new RecordSet.Builder().domain(ZONE);
        for (Service s : services) {
            if (s.clusterIp().isEmpty() || "None".equals(s.clusterIp()) || !s.clusterIp().contains(".")) {
                continue; // headless or not yet allocated (IPv6 ClusterIPs: no AAAA support)
            }
            String host = s.name() + "." + s.namespace() + ".svc." + ZONE;
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
}
