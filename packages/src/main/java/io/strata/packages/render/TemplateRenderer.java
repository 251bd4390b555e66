package io.strata.packages.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Renders marathon.json.mustache with mustache.java, as Cosmos did, except that {@code {{x}}} escapes for JSON
 * strings rather than HTML: a quote or backslash in an option cannot break the app JSON, and {@code {{{x}}}}
 * still inserts raw text. Partials ({@code {{> name}}}) are refused: mustache.java would read them from the class
 * path or the file system, and a template from a remote repository must not reach either.
 */
public final class TemplateRenderer {
    private static final JsonEscapingFactory FACTORY = new JsonEscapingFactory();

    private TemplateRenderer() {
    }

    /**
     * The text of {@code template} rendered over {@code context} (nested maps, lists, strings, numbers, booleans).
     *
     * @throws IllegalArgumentException when the template does not parse, naming the mustache error
     */
    public static String render(String template, String name, Map<String, Object> context) {
        Mustache mustache;
        try {
            mustache = FACTORY.compile(new StringReader(template), name);
        } catch (MustacheException e) {
            throw new IllegalArgumentException(name + " is not a valid mustache template: " + e.getMessage(), e);
        }
        StringWriter out = new StringWriter();
        mustache.execute(out, context);
        return out.toString();
    }

    /** JSON string escaping of one value. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** A mustache factory whose escaped variables are JSON-escaped. */
    private static final class JsonEscapingFactory extends DefaultMustacheFactory {
        JsonEscapingFactory() {
            // resolves no partial: compiling {{> x}} fails with MustacheNotFoundException
            super(name -> null);
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(escape(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
