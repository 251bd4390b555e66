package io.strata.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CLI is a client: it must not pull in server code (STYLE.md, "Layout"). */
@AnalyzeClasses(packages = "io.strata.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_SERVER_CODE = noClasses().that().resideInAPackage("io.strata.cli..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.strata.master..", "io.strata.agent..", "io.strata.store.embedded..",
                    "org.eclipse.jetty..", "io.javalin..")
            .because("the strata CLI talks to servers over HTTP only");

    @ArchTest
    static final ArchRule NO_STORE_OR_CORE = noClasses().that().resideInAPackage("io.strata.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.strata.store..", "io.strata.core..")
            .because("cli depends on api and client only; ZooKeeper is reached through the client's MasterLocator");
}
