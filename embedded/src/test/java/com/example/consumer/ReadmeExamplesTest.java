package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.tollgate.embedded.Tollgate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use as a library" examples are these classes, verbatim (without the package line):
 * if either side changes alone, this fails; and each example is run here.
 */
class ReadmeExamplesTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "test", "java", "com", "example", "consumer");

  static String exampleAsInReadme(String className) throws IOException {
    String source = Files.readString(SOURCES.resolve(className + ".java"));
    String packageLine = "package com.example.consumer;\n\n";
    assertThat(source).startsWith(packageLine);
    return source.substring(packageLine.length());
  }

  @Test
  void readme_containsEveryExampleVerbatim() throws IOException {
    String readme = Files.readString(README);
    for (String example :
        new String[] {
          "HandWiringExample", "GuiceExample", "JavalinExample", "PermissionsExample"
        }) {
      assertThat(readme).as(example).contains("```java\n" + exampleAsInReadme(example) + "```\n");
    }
  }

  @Test
  void handWiringExample_createsAndAuthenticatesTheOperatorToken(@TempDir Path dir) {
    assertThat(HandWiringExample.run(dir.resolve("tokens"))).isTrue();
    assertThat(dir.resolve("tokens").resolve("tollgate.db")).exists();
  }

  @Test
  void guiceExample_createsAndAuthenticatesTheOperatorToken_andReleasesTheDirectory(
      @TempDir Path dir) {
    assertThat(GuiceExample.run(dir)).isTrue();
    try (Tollgate reopened = Tollgate.open(dir)) {
      assertThat(reopened.listTokens()).hasSize(1);
    }
  }

  @Test
  void javalinExample_protectsAdminRoutes_andLeavesOthersOpen() throws Exception {
    try (Tollgate tollgate = Tollgate.inMemory()) {
      Javalin app = JavalinExample.start(tollgate, 0);
      try {
        String token = tollgate.createOperatorToken().secret().value();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://localhost:" + app.port();
        HttpResponse<String> open =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> allowed =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/hello"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("hello _admin");
      } finally {
        app.stop();
      }
    }
  }
}
