package io.strata.router.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the service-name table from the master's state and the Marathon apps, as Admin Router's
 * {@code service.lua} did: an app labelled {@code DCOS_SERVICE_NAME=<name>} wins (its first task's host and
 * {@code ports[DCOS_SERVICE_PORT_INDEX]} over {@code DCOS_SERVICE_SCHEME}, default http), then an active framework
 * whose {@code name} or {@code id} equals the name and that has a {@code webui_url}. Pure: JSON in, table out.
 */
public final class ServiceCatalog {
    /** The app label naming the service. */
    public static final String SERVICE_NAME_LABEL = "DCOS_SERVICE_NAME";
    /** The app label choosing which of the task's ports serves the UI/API (default 0). */
    public static final String PORT_INDEX_LABEL = "DCOS_SERVICE_PORT_INDEX";
    /** The app label choosing the scheme (default http). */
    public static final String SCHEME_LABEL = "DCOS_SERVICE_SCHEME";

    private ServiceCatalog() {
    }

    /**
     * The table of service name to base URL; either input may be null (its source was unreachable).
     *
     * @param state the master's {@code /master/state} (its {@code frameworks[]} is read)
     * @param apps Marathon's {@code /v2/apps?embed=apps.tasks} answer ({@code {"apps":[...]}})
     */
    public static Map<String, URI> build(JsonNode state, JsonNode apps) {
        Map<String, URI> table = new HashMap<>();
        if (state != null) {
            for (JsonNode framework : state.path("frameworks")) {
                addFramework(table, framework);
            }
        }
        if (apps != null) {
            for (JsonNode app : apps.path("apps")) {
                addApp(table, app);
            }
        }
        return Map.copyOf(table);
    }

    /**
     * The table of agent id to base URL from the master's state: each {@code slaves[]} entry's {@code pid}
     * ({@code slave(1)@ip:port}), else its {@code hostname} and {@code port}.
     */
    public static Map<String, URI> agents(JsonNode state) {
        Map<String, URI> table = new HashMap<>();
        if (state == null) {
            return Map.of();
        }
        for (JsonNode agent : state.path("slaves")) {
            String id = agent.path("id").asText("");
            String pid = agent.path("pid").asText("");
            int at = pid.lastIndexOf('@');
            URI url = at >= 0 ? parse("http://" + pid.substring(at + 1))
                    : parse("http://" + agent.path("hostname").asText("") + ":" + agent.path("port").asInt(5051));
            if (!id.isEmpty() && url != null) {
                table.put(id, url);
            }
        }
        return Map.copyOf(table);
    }

    private static void addFramework(Map<String, URI> table, JsonNode framework) {
        if (!framework.path("active").asBoolean(true)) {
            return;
        }
        String webui = framework.path("webui_url").asText("");
        URI url = parse(webui);
        if (url == null) {
            return;
        }
        for (String key : new String[] {framework.path("name").asText(""), framework.path("id").asText("")}) {
            if (!key.isEmpty()) {
                table.putIfAbsent(key, url);
            }
        }
    }

    /** Apps replace frameworks of the same name: DC/OS consulted Marathon labels first. */
    private static void addApp(Map<String, URI> table, JsonNode app) {
        JsonNode labels = app.path("labels");
        String name = labels.path(SERVICE_NAME_LABEL).asText("");
        if (name.isEmpty()) {
            return;
        }
        int index;
        try {
            index = Integer.parseInt(labels.path(PORT_INDEX_LABEL).asText("0").strip());
        } catch (NumberFormatException e) {
            return;
        }
        String scheme = labels.path(SCHEME_LABEL).asText("http");
        for (JsonNode task : app.path("tasks")) {
            String host = task.path("host").asText("");
            JsonNode ports = task.path("ports");
            if (!host.isEmpty() && index >= 0 && ports.size() > index && ports.get(index).asInt(0) > 0) {
                URI url = parse(scheme + "://" + host + ":" + ports.get(index).asInt());
                if (url != null) {
                    table.put(name, url);
                    return;
                }
            }
        }
    }

    private static URI parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI url = new URI(text.strip());
            if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                return null;
            }
            return Lookup.found(url).base();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
