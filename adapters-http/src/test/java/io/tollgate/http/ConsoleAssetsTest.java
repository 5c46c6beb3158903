package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC section 12: the console's static files, their headers, and nothing else under /console. */
class ConsoleAssetsTest {
  private static Harness harness;
  private static String admin;

  @BeforeAll
  static void start() {
    harness = Harness.start();
    admin = harness.createOperator();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void consolePage_isServedWithoutATokenWithTheSecurityHeadersAndNoStore() {
    Harness.Reply reply = harness.get("/console/");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(contentType(reply)).isEqualTo("text/html;charset=utf-8");
    assertThat(reply.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
    assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.body()).contains("<title>Tollgate console</title>");
    assertThat(harness.get("/console/index.html").body()).isEqualTo(reply.body());
  }

  @Test
  void consolePage_fieldsHaveNoName_soASubmitWithoutTheScriptPutsNoTokenInTheUrl() {
    String page = harness.get("/console/").body();

    assertThat(page).contains("id=\"sign-in-token\"");
    assertThat(page).doesNotContainPattern("<(input|textarea|select)[^>]*\\sname=");
  }

  @Test
  void consoleFiles_haveTheirContentTypes() {
    assertThat(contentType(harness.get("/console/console.js")))
        .isEqualTo("text/javascript;charset=utf-8");
    assertThat(contentType(harness.get("/console/api.js")))
        .isEqualTo("text/javascript;charset=utf-8");
    assertThat(contentType(harness.get("/console/console.css")))
        .isEqualTo("text/css;charset=utf-8");
    assertThat(contentType(harness.get("/console/favicon.svg"))).isEqualTo("image/svg+xml");
    Harness.Reply script = harness.get("/console/validate.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
    assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
  }

  /**
   * A module added to the console's directory but not to {@link ConsoleAssets}' list would be
   * refused in the browser and break the page; so would an import of a file that is not there.
   */
  @Test
  void everyFileOfTheConsoleDirectory_andEveryModuleAScriptImports_isServed() throws Exception {
    Path directory = Path.of(ConsoleAssets.class.getResource("/io/tollgate/http/console/").toURI());
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.sorted().toList();
    }
    Pattern importFrom = Pattern.compile("from '\\./([^']+)'");
    List<String> imported = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      assertThat(harness.get("/console/" + name).status()).as(name).isEqualTo(200);
      if (name.endsWith(".js")) {
        Matcher m = importFrom.matcher(Files.readString(file));
        while (m.find()) {
          imported.add(m.group(1));
        }
      }
    }
    assertThat(imported).contains("page.js", "tokens.js", "api.js");
    for (String module : imported) {
      assertThat(harness.get("/console/" + module).status()).as(module).isEqualTo(200);
    }
  }

  @Test
  void bareConsolePath_redirectsToTheDirectory() {
    Harness.Reply reply = harness.get("/console");

    assertThat(reply.status()).isEqualTo(308);
    assertThat(reply.header("Location")).isEqualTo("/console/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/console/nope.js",
        "/console/index.htm",
        "/console/..%2fpom.xml",
        "/console/%2e%2e/%2e%2e/etc/passwd",
        "/console/%2e%2e%2fconsole.js",
        "/console/.%2e/api/v3/configure/token",
        "/console/io/tollgate/http/console/index.html",
        "/console//index.html",
        "/console/index.html/",
        "/console/INDEX.HTML",
        "/console/index.html;x=1",
        "/io/tollgate/http/console/index.html",
        "/console/%5c..%5cindex.html"
      })
  void anyOtherPath_servesNoFile(String path) {
    Harness.Reply anonymous = harness.get(path);
    Harness.Reply withToken = harness.get(path, Harness.bearer(admin));

    assertThat(anonymous.status()).isIn(400, 401, 404);
    assertThat(withToken.status()).isIn(400, 404);
    assertThat(anonymous.body()).doesNotContain("<html").doesNotContain("import ");
    assertThat(withToken.body()).doesNotContain("<html").doesNotContain("import ");
  }

  @Test
  void dotDotSegments_sentRaw_serveNoFile() {
    for (String path : List.of("/console/../console/index.html", "/console/./../pom.xml")) {
      RawHttp.RawReply reply =
          RawHttp.send(
              harness.server.port(),
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
      assertThat(reply.status()).isIn(400, 401, 404);
      assertThat(reply.body()).doesNotContain("<html");
    }
  }

  @Test
  void withoutConsole_noConsolePathIsServed() {
    try (Harness off = Harness.start(config -> config.console(false))) {
      assertThat(off.get("/console/").status()).isEqualTo(401);
      assertThat(off.get("/console").status()).isEqualTo(401);
      assertThat(off.server.routeTable().routes())
          .noneMatch(route -> route.path().startsWith(ConsoleAssets.BARE_PATH));
    }
  }

  @Test
  void consoleRows_needNoTokenAndAreTheFixedList() {
    assertThat(harness.server.routeTable().routes())
        .filteredOn(route -> route.path().startsWith(ConsoleAssets.BARE_PATH))
        .extracting(Route::path)
        .containsExactlyInAnyOrder(
            "/console",
            "/console/",
            "/console/index.html",
            "/console/console.css",
            "/console/console.js",
            "/console/page.js",
            "/console/dialogs.js",
            "/console/tokens.js",
            "/console/create.js",
            "/console/actions.js",
            "/console/audit.js",
            "/console/api.js",
            "/console/validate.js",
            "/console/format.js",
            "/console/favicon.svg");
    assertThat(harness.server.routeTable().routes())
        .filteredOn(route -> route.path().startsWith(ConsoleAssets.BARE_PATH))
        .allMatch(route -> route.access().kind() == Access.Kind.PUBLIC_ASSET);
  }

  /** The Content-Type header without spaces (Jetty writes {@code text/html;charset=utf-8}). */
  private static String contentType(Harness.Reply reply) {
    return reply.header("Content-Type").replace(" ", "");
  }
}
