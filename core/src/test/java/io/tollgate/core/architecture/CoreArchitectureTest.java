package io.tollgate.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Core knows no framework: it depends on the JDK alone, and only core decides what is allowed. */
class CoreArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tollgate.core");
  }

  @Test
  void core_dependsOnlyOnTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("io.tollgate.core..")
        .should()
        .dependOnClassesThat()
        // javax.crypto is the JDK's own cryptography API (HMAC for credential fingerprints)
        .resideOutsideOfPackages("java..", "javax.crypto..", "io.tollgate.core..")
        .check(core);
  }

  @Test
  void domain_dependsOnNoPortOrService() {
    noClasses()
        .that()
        .resideInAPackage("io.tollgate.core.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tollgate.core.port..", "io.tollgate.core.service..", "io.tollgate.core.memory..")
        .check(core);
  }

  @Test
  void ports_dependOnNoImplementation() {
    noClasses()
        .that()
        .resideInAPackage("io.tollgate.core.port..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tollgate.core.service..", "io.tollgate.core.memory..", "io.tollgate.core.crypto..")
        .check(core);
  }

  @Test
  void core_hasNoPackageCycles() {
    slices().matching("io.tollgate.core.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void core_neverWritesToStandardStreams() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
  }
}
