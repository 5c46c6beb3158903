package io.tollgate.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon, checked on every module's production classes. */
class ArchitectureTest {

  private static final String CORE = "io.tollgate.core..";
  private static final String[] ADAPTERS = {
    "io.tollgate.sqlite..", "io.tollgate.argon2..", "io.tollgate.http..", "io.tollgate.cli.."
  };

  private static JavaClasses tollgate;

  @BeforeAll
  static void importEveryModule() {
    tollgate =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.tollgate");
  }

  @Test
  void core_dependsOnlyOnTheJdk() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", CORE)
        .check(tollgate);
  }

  @Test
  void adapters_neverDependOnCoreServices() {
    noClasses()
        .that()
        .resideInAnyPackage(ADAPTERS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.tollgate.core.service..", "io.tollgate.core.memory..")
        .check(tollgate);
  }

  @Test
  void adapters_neverDependOnEachOther() {
    for (String adapter : ADAPTERS) {
      String[] others =
          java.util.Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(adapter)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(tollgate);
    }
  }

  @Test
  void adapters_dependOnCoreOnlyThroughPortsDomainAndCrypto() {
    noClasses()
        .that()
        .resideInAnyPackage(ADAPTERS)
        .should()
        .dependOnClassesThat(
            describe(
                "core classes outside port, domain and crypto",
                (JavaClass c) ->
                    c.getPackageName().startsWith("io.tollgate.core")
                        && !c.getPackageName().startsWith("io.tollgate.core.port")
                        && !c.getPackageName().startsWith("io.tollgate.core.domain")
                        && !c.getPackageName().startsWith("io.tollgate.core.crypto")))
        .check(tollgate);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("io.tollgate.(**)").should().beFreeOfCycles().check(tollgate);
  }

  @Test
  void nothing_writesToStandardStreams() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(tollgate);
  }

  @Test
  void nothing_usesFieldInjection() {
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(tollgate);
  }

  @Test
  void adapterImplementations_ofCorePortsArePackagePrivate() {
    classes()
        .that()
        .resideInAnyPackage(ADAPTERS)
        .and()
        .areNotInterfaces()
        .and(
            describe(
                "implement a core port",
                (JavaClass c) ->
                    c.getAllRawInterfaces().stream()
                        .anyMatch(i -> i.getPackageName().startsWith("io.tollgate.core.port"))))
        .should()
        .notBePublic()
        .check(tollgate);
  }
}
