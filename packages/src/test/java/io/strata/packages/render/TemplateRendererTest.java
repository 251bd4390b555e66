package io.strata.packages.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateRendererTest {
    private static final Map<String, Object> CONTEXT = Map.of(
            "service", Map.of("name", "web", "framework-name", "k8s"),
            "quote", "say \"hi\"\\n",
            "cpus", 0.5,
            "count", 3,
            "on", true,
            "off", false,
            "list", List.of("a", "b"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            dotted name            | {{service.name}}                  | web
            hyphenated key         | {{service.framework-name}}        | k8s
            number                 | {{cpus}}/{{count}}                | 0.5/3
            json escaping          | {{quote}}                         | `say \\"hi\\"\\\\n`
            triple mustache is raw | {{{quote}}}                       | `say "hi"\\n`
            true section           | {{#on}}yes{{/on}}                 | yes
            false section          | {{#off}}yes{{/off}}no             | no
            inverted section       | {{^off}}shown{{/off}}             | shown
            list section           | {{#list}}[{{.}}]{{/list}}         | [a][b]
            missing value is empty | <{{nothing.here}}>                | <>
            """)
    void render_template_substitutesAsMustache(String name, String template, String expected) {
        assertThat(TemplateRenderer.render(template, "t", CONTEXT)).isEqualTo(expected);
    }

    @Test
    void render_valueWithQuotesInJsonString_staysValidJson() throws Exception {
        String rendered = TemplateRenderer.render("{\"msg\":\"{{quote}}\"}", "t", CONTEXT);
        assertThat(new ObjectMapper().readTree(rendered).get("msg").asText()).isEqualTo("say \"hi\"\\n");
    }

    @Test
    void render_partial_refusedWithoutReadingFiles() {
        assertThatThrownBy(() -> TemplateRenderer.render("{{> /etc/hostname}}", "evil", CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evil");
    }

    @Test
    void render_unclosedSection_failsNamingTheTemplate() {
        assertThatThrownBy(() -> TemplateRenderer.render("{{#on}}open", "pkg/marathon.json.mustache", CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pkg/marathon.json.mustache");
    }
}
