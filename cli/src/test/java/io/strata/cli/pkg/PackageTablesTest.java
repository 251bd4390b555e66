package io.strata.cli.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.cli.output.TablePrinter;
import org.junit.jupiter.api.Test;

class PackageTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void search_reply_rowPerPackage() throws Exception {
        String text = TablePrinter.render(PackageTables.search(JSON.readTree("""
                {"packages":[{"name":"kubernetes","currentVersion":"1.0.0","framework":true,"source":"Universe",
                  "description":"Kubernetes on Strata"},
                 {"name":"nginx","currentVersion":"1.22.1","framework":false,"source":"Universe",
                  "description":"%s"}]}""".formatted("x".repeat(80)))));
        assertThat(text.lines()).containsExactly(
                "NAME        VERSION  FRAMEWORK  SOURCE    DESCRIPTION",
                "kubernetes  1.0.0    yes        Universe  Kubernetes on Strata",
                "nginx       1.22.1   no         Universe  " + "x".repeat(57) + "...");
    }

    @Test
    void installed_listReply_rowPerApp() throws Exception {
        String text = TablePrinter.render(PackageTables.installed(JSON.readTree("""
                {"packages":[{"appId":"/web","packageInformation":{"packageDefinition":{"name":"nginx",
                  "version":"1.22.1","description":"nginx web server\\nsecond line"}}}]}""")));
        assertThat(text.lines()).containsExactly(
                "NAME   VERSION  APP   DESCRIPTION",
                "nginx  1.22.1   /web  nginx web server");
    }

    @Test
    void repositories_listReply_indexedInOrder() throws Exception {
        String text = TablePrinter.render(PackageTables.repositories(JSON.readTree("""
                {"repositories":[{"name":"Universe","uri":"builtin:universe"},{"name":"mine","uri":"file:/r"}]}""")));
        assertThat(text.lines()).containsExactly(
                "INDEX  NAME      URI",
                "0      Universe  builtin:universe",
                "1      mine      file:/r");
    }
}
