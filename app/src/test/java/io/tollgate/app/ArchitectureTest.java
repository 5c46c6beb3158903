package io.tollgate.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.tollgate.sqlite.SqliteStores;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon, checked on every module's production classes. */
class ArchitectureTest {

  private static final String CORE = "io.tollgate.core..";
  private static final String[] ADAPTERS = {
    "io.tollgate.sqlite..", "io.tollgate.argon2..", "io.tollgate.http..", "io.tollgate.cli.."
  };

  /**
   * The only public types of the adapters and of the library module: Guice modules, factories,
   * config records, the interfaces app implements for the CLI, and the Javalin integration.
   * Anything else public in these packages is an implementation leaking out; to make a type API on
   * purpose, add it here (and give it Javadoc).
   */
  private static final Set<String> PUBLIC_API =
      Set.of(
          "io.tollgate.sqlite.SqliteModule",
          "io.tollgate.sqlite.SqliteStore",
          "io.tollgate.sqlite.SqliteStores",
          "io.tollgate.argon2.Argon2Module",
          "io.tollgate.argon2.Argon2Hashers",
          "io.tollgate.argon2.Argon2Parameters",
          "io.tollgate.http.AuditLogFile",
          "io.tollgate.http.HttpModule",
          "io.tollgate.http.HttpServerConfig",
          "io.tollgate.http.TlsFiles",
          "io.tollgate.http.TollgateHttpServer",
          "io.tollgate.http.TollgateJavalin",
          "io.tollgate.http.TollgatePrincipal",
          "io.tollgate.cli.TollgateCli",
          "io.tollgate.cli.CliEnvironment",
          "io.tollgate.cli.ServerLauncher",
          // the offline operations (recovery, backup, restore) app implements over the store
          "io.tollgate.cli.LocalStores",
          "io.tollgate.cli.RunningServer",
          "io.tollgate.cli.ServeOptions",
          "io.tollgate.cli.StoreUrl",
          "io.tollgate.cli.TlsKeyPassword",
          // a side of 'store copy': a data directory or a StoreUrl
          "io.tollgate.cli.StoreEndpoint",
          "io.tollgate.cli.BindAddress",
          "io.tollgate.cli.ExemptEndpoint",
          "io.tollgate.cli.LogLevel",
          // the one factory that chooses and opens the store
          "io.tollgate.stores.StoreLocation",
          "io.tollgate.stores.Stores",
          "io.tollgate.stores.StoreCopyReport",
          "io.tollgate.cli.LogFormat",
          "io.tollgate.embedded.Tollgate",
          "io.tollgate.embedded.TollgateBuilder",
          "io.tollgate.embedded.guice.TollgateModule",
          "io.tollgate.embedded.guice.TollgateCoreModule");

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
        // javax.crypto is the JDK's own cryptography API (HMAC for credential fingerprints)
        .resideOutsideOfPackages("java..", "javax.crypto..", CORE)
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
                "core classes outside port, domain, crypto and text",
                (JavaClass c) ->
                    c.getPackageName().startsWith("io.tollgate.core")
                        && !c.getPackageName().startsWith("io.tollgate.core.port")
                        && !c.getPackageName().startsWith("io.tollgate.core.domain")
                        && !c.getPackageName().startsWith("io.tollgate.core.crypto")
                        // the one pretty-table renderer the server and the CLI share
                        && !c.getPackageName().startsWith("io.tollgate.core.text")))
        .check(tollgate);
  }

  @Test
  void theStore_isOpenedOnlyByTheOneFactory() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.tollgate.stores..", "io.tollgate.sqlite..")
        .should()
        .callMethod(SqliteStores.class, "open", Path.class)
        .because("the store is chosen in one place, io.tollgate.stores.Stores")
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

  @Test
  void adaptersAndLibrary_makePublicOnlyTheirListedApiTypes() {
    classes()
        .that()
        .resideInAnyPackage(
            "io.tollgate.sqlite..",
            "io.tollgate.argon2..",
            "io.tollgate.http..",
            "io.tollgate.cli..",
            "io.tollgate.stores..",
            "io.tollgate.embedded..")
        .and()
        .areTopLevelClasses()
        .and(
            describe(
                "are not on the public API list",
                (JavaClass c) -> !PUBLIC_API.contains(c.getName())))
        .should()
        .notBePublic()
        .because("implementation classes stay package-private; API types are listed in PUBLIC_API")
        .check(tollgate);
  }

  @Test
  void publicApiList_namesOnlyExistingPublicTypes() {
    for (String name : PUBLIC_API) {
      assertThat(tollgate.contain(name)).as(name + " exists").isTrue();
      assertThat(tollgate.get(name).getModifiers()).as(name).contains(JavaModifier.PUBLIC);
    }
  }
}
