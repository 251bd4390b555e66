package io.strata.dns.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.api.json.Json;
import io.strata.dns.records.Naming;
import io.strata.dns.records.RecordSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Mesos-DNS's HTTP API (mesos-dns v0.5.2 {@code docs/http.md}): {@code GET /v1/version}, {@code /v1/config},
 * {@code /v1/hosts/{host}} ({@code [{"host","ip"}]}) and {@code /v1/services/{service}}
 * ({@code [{"host","ip","port","service"}]}, the port a string). Names are matched case-insensitively as FQDNs;
 * an unknown name answers 200 with one entry of empty strings, as Mesos-DNS does.
 */
public final class DnsHttpApi {
    /** What {@code /v1/version} reports as the service. */
    public static final String SERVICE = "Mesos-DNS";
    /** What {@code /v1/version} reports as the URL. */
    public static final String URL = "https://github.com/mesosphere/mesos-dns";

    private final Supplier<RecordSet> records;
    private final String version;
    private final Supplier<ObjectNode> config;

    /** An API over the current records, reporting {@code version} and the given config view. */
    public DnsHttpApi(Supplier<RecordSet> records, String version, Supplier<ObjectNode> config) {
        this.records = records;
        this.version = version;
        this.config = config;
    }

    /** Registers the routes. */
    public void routes(RoutesConfig r) {
        r.get("/v1/version", this::version);
        r.get("/v1/config", ctx -> send(ctx, config.get()));
        r.get("/v1/hosts/{host}", this::hosts);
        r.get("/v1/services/{service}", this::services);
    }

    private void version(Context ctx) {
        ObjectNode n = Json.mesos().createObjectNode();
        n.put("Service", SERVICE);
        n.put("URL", URL);
        n.put("Version", version);
        send(ctx, n);
    }

    private void hosts(Context ctx) {
        String host = Naming.fqdn(ctx.pathParam("host"));
        ArrayNode out = Json.mesos().createArrayNode();
        for (String ip : records.get().hosts().getOrDefault(host, List.of())) {
            out.addObject().put("host", host).put("ip", ip);
        }
        if (out.isEmpty()) {
            out.addObject().put("host", "").put("ip", "");
        }
        send(ctx, out);
    }

    private void services(Context ctx) {
        String service = Naming.fqdn(ctx.pathParam("service"));
        RecordSet r = records.get();
        ArrayNode out = Json.mesos().createArrayNode();
        for (RecordSet.Srv srv : r.services().getOrDefault(service, List.of())) {
            for (String ip : r.hosts().getOrDefault(srv.target(), List.of())) {
                out.addObject().put("host", srv.target()).put("ip", ip).put("port", Integer.toString(srv.port()))
                        .put("service", service);
            }
        }
        if (out.isEmpty()) {
            out.addObject().put("host", "").put("ip", "").put("port", "").put("service", "");
        }
        send(ctx, out);
    }

    private static void send(Context ctx, com.fasterxml.jackson.databind.JsonNode body) {
        ctx.contentType("application/json").result(Json.toBytes(body));
    }
}
