package io.tollgate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tollgate.cli");
  }

  @Test
  void cli_printsOnlyThroughPicocliWriters_neverSystemOutOrErr() {
    noClasses()
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(classes);
  }

  @Test
  void cli_readsTheProcessOnlyInCliEnvironment() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(CliEnvironment.class.getName())
        .should()
        .accessField(System.class, "in")
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "console")
        .check(classes);
  }

  @Test
  void cli_dependsOnCorePortsAndDomainOnly_neverOnServicesOrOtherAdapters() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tollgate.core.service..",
            "io.tollgate.core.memory..",
            "io.tollgate.http..",
            "io.tollgate.sqlite..",
            "io.tollgate.app..",
            "io.javalin..",
            "org.jdbi..",
            "com.google.inject..")
        .check(classes);
  }

  @Test
  void cli_neverReadsTheWallClockDirectly() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .check(classes);
  }

  @Test
  void cli_neverUsesJavaNetHttp_itsClientCostsEveryCliCallAThousandClasses() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.net.http..")
        .because("SocketHttpTransport is the CLI's HTTP client")
        .check(classes);
  }
}
