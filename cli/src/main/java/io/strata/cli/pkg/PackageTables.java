package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.output.Table;

/** The tables of {@code package search}, {@code package list} and {@code package repo list}, from Cosmos JSON. */
final class PackageTables {
    private static final int DESCRIPTION_WIDTH = 60;

    private PackageTables() {
    }

    /** One row per package of a search reply, as {@code dcos package search}: NAME VERSION FRAMEWORK SOURCE DESCRIPTION. */
    static Table search(JsonNode reply) {
        Table.Builder table = Table.builder("NAME", "VERSION", "FRAMEWORK", "SOURCE", "DESCRIPTION");
        for (JsonNode p : reply.path("packages")) {
            table.row(p.path("name").asText(), p.path("currentVersion").asText(),
                    p.path("framework").asBoolean() ? "yes" : "no", p.path("source").asText(null),
                    shorten(p.path("description").asText("")));
        }
        return table.build();
    }

    /** One row per installed app of a list reply: NAME VERSION APP DESCRIPTION. */
    static Table installed(JsonNode reply) {
        Table.Builder table = Table.builder("NAME", "VERSION", "APP", "DESCRIPTION");
        for (JsonNode p : reply.path("packages")) {
            JsonNode definition = p.path("packageInformation").path("packageDefinition");
            table.row(definition.path("name").asText(), definition.path("version").asText(), p.path("appId").asText(),
                    shorten(definition.path("description").asText("")));
        }
        return table.build();
    }

    /** One row per repository, in priority order: INDEX NAME URI. */
    static Table repositories(JsonNode reply) {
        Table.Builder table = Table.builder("INDEX", "NAME", "URI");
        int index = 0;
        for (JsonNode r : reply.path("repositories")) {
            table.row(Integer.toString(index++), r.path("name").asText(), r.path("uri").asText());
        }
        return table.build();
    }

    /** {@code text} cut to the column width with "..." when longer. */
    static String shorten(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= DESCRIPTION_WIDTH ? line : line.substring(0, DESCRIPTION_WIDTH - 3) + "...";
    }
}
