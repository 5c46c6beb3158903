package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.app.TollgateProcess.Server;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery code in the packaged server: Argon2id through the native library in the shaded jar,
 * demanded by the recovery listener, stored only as a hash.
 */
class RecoveryCodeIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_API = "/api/v3/configure/token";
  private static final Pattern RECOVERY_OPEN =
      Pattern.compile("RECOVERY LISTENER IS OPEN on (http://127\\.0\\.0\\.1:[0-9]+) ");

  @TempDir Path temp;

  private record Reply(int status, String body) {
    String field(String name) throws IOException {
      return JSON.readTree(body).path(name).asText();
    }
  }

  private static Reply post(String base, String path, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  /**
   * The recovery listener's address, as the server logs it when it opens: bound to port 0, it has a
   * port of its own that no other socket can take between choosing and binding.
   */
  private static String recoveryListener(Server server) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Matcher m = RECOVERY_OPEN.matcher(server.log());
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the recovery listener did not open:\n" + server.log());
  }

  @Test
  void recoveryCode_isDemandedBySpentByTheRecoveryListener_andOnlyItsArgon2HashIsStored()
      throws Exception {
    Path dataDir = temp.resolve("data");
    try (Server server = Server.start(dataDir, "--admin-token-recovery-http-bind", "127.0.0.1:0")) {
      String recovery = recoveryListener(server);
      String admin = post(server.url, TOKEN_API + "/admin", null).field("token");
      Reply issued = post(server.url, TOKEN_API + "/admin/recovery_code", admin);
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      String code = issued.field("recovery_code");
      assertThat(code).matches("([0-9A-Z]{5}-){4}[0-9A-Z]{5}");

      assertThat(post(recovery, TOKEN_API + "/admin/regenerate", null).status()).isEqualTo(401);
      assertThat(post(recovery, TOKEN_API + "/admin/regenerate", admin).status()).isEqualTo(401);
      Reply regenerated = post(recovery, TOKEN_API + "/admin/regenerate", code);
      assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(201);
      String fresh = regenerated.field("token");

      assertThat(post(server.url, TOKEN_API + "/admin/regenerate", admin).status()).isEqualTo(401);
      assertThat(post(server.url, TOKEN_API + "/admin/recovery_code", fresh).status())
          .isEqualTo(201);
      assertThat(server.log()).doesNotContain(code).doesNotContain(admin).doesNotContain(fresh);
      assertThat(server.stop()).isZero();

      String stored = storedText(dataDir);
      assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", ""));
      assertThat(stored).contains("$argon2id$v=19$m=19456,t=2,p=1$");
    }
  }

  /** Every file of the data directory (database, WAL), as Latin-1 so any bytes compare. */
  private static String storedText(Path dataDir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
