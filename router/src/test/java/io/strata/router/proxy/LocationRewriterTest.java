package io.strata.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LocationRewriterTest {
    private final ProxyTarget web = new ProxyTarget("web", "/service/web", URI.create("http://127.0.0.5:31000"),
            "/", null);
    private final ProxyTarget master = new ProxyTarget("mesos", "/mesos", URI.create("http://127.0.0.1:5051"),
            "/", null);

    @Test
    void rewrite_absoluteUrlOnTheUpstream_goesUnderThePrefix() {
        assertThat(LocationRewriter.rewrite("http://127.0.0.5:31000/login?next=%2F", web, false))
                .isEqualTo("/service/web/login?next=%2F");
    }

    @Test
    void rewrite_absolutePath_goesUnderThePrefix() {
        assertThat(LocationRewriter.rewrite("/login", web, false)).isEqualTo("/service/web/login");
    }

    @Test
    void rewrite_otherOrigin_isKept() {
        assertThat(LocationRewriter.rewrite("https://example.com/x", web, false)).isEqualTo("https://example.com/x");
    }

    @Test
    void rewrite_masterRedirectToTheNewLeader_goesBackThroughTheRouter() {
        assertThat(LocationRewriter.rewrite("http://127.0.0.1:5052/master/state?x=1", master, true))
                .isEqualTo("/mesos/master/state?x=1");
    }
}
