package io.tollgate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every library module of the reactor (built before this one) ships a jar with an {@code
 * Automatic-Module-Name}, and its {@code -sources} and {@code -javadoc} jars.
 */
class LibraryArtifactsIT {

  private static final String VERSION = System.getProperty("tollgate.version");

  @ParameterizedTest
  @CsvSource({
    "core, io.tollgate.core",
    "adapters-sqlite, io.tollgate.sqlite",
    "adapters-argon2, io.tollgate.argon2",
    "adapters-http, io.tollgate.http",
    "adapters-cli, io.tollgate.cli",
    "embedded, io.tollgate.embedded",
    "embedded-guice, io.tollgate.embedded.guice"
  })
  void libraryJar_namesItsModule_andComesWithSourcesAndJavadoc(String module, String moduleName)
      throws IOException {
    Path target = Path.of("..", module, "target");
    String base = "tollgate-" + module + "-" + VERSION;
    try (JarFile jar = new JarFile(target.resolve(base + ".jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo(moduleName);
    }
    assertThat(target.resolve(base + "-sources.jar")).isRegularFile();
    assertThat(target.resolve(base + "-javadoc.jar")).isRegularFile();
  }
}
