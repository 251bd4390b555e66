package io.strata.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps core a pure domain: JDK only, and no I/O, clocks, sleeping or threads of its own. */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strata.core");
    }

    @Test
    void core_dependsOnlyOnJdkAndItself() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.annotation..", "io.strata.core..")
                .check(core);
    }

    @Test
    void core_doesNoIo() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .check(core);
    }

    @Test
    void core_readsNoClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Math.class, "random")
                .check(core);
    }
}
