package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.app.TollgateProcess.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: the packaged jar's {@code serve} serves the web console, unless told not to. */
class ConsoleServeIT {
  @TempDir Path temp;

  @Test
  void serve_servesTheConsoleFromTheJar_andWithoutConsoleDoesNot() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (Server server = Server.start(temp.resolve("on"))) {
      HttpResponse<String> page = get(client, server.url + "/console/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .contains("default-src 'self'");
      assertThat(page.body()).contains("<title>Tollgate console</title>");
      assertThat(get(client, server.url + "/console/console.js").statusCode()).isEqualTo(200);
    }
    try (Server server = Server.start(temp.resolve("off"), "--without-console")) {
      HttpResponse<String> page = get(client, server.url + "/console/");
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.body()).doesNotContain("<html");
    }
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
