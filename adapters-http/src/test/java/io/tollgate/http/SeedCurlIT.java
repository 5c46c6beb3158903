package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.testing.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The curl commands of the seed documents (shared/reference/seeds), run as written through bash,
 * with only the host and the token substituted.
 */
class SeedCurlIT {
  record Result(int status, String body) {}

  private static Result curl(String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("bash", "-c", command + " --silent --show-error -w '\\n%{http_code}'")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int newline = output.lastIndexOf('\n');
    return new Result(
        Integer.parseInt(output.substring(newline + 1).trim()), output.substring(0, newline));
  }

  private static boolean curlInstalled() {
    try {
      return new ProcessBuilder("bash", "-c", "which curl").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void seedCurlCommands_workUnchangedExceptHostAndToken() throws Exception {
    Prerequisite.require(
        curlInstalled(), "curl is not installed (apt-get install curl; .ci/run installs it)");
    try (Harness h = Harness.startReal(b -> b)) {
      String host = "127.0.0.1:" + h.server.port();

      // 002: create an operator token
      Result created = curl("curl -X POST \"http://" + host + "/api/v3/configure/token/admin\"");
      assertThat(created.status()).isEqualTo(201);
      String operator = token(created.body());

      // 000/001: regenerate the operator token
      Result regenerated =
          curl(
              "curl -X POST \"http://"
                  + host
                  + "/api/v3/configure/token/admin/regenerate\" \\\n"
                  + "--header \"Authorization: Bearer "
                  + operator
                  + "\" \\\n"
                  + "--header \"Accept: application/json\"");
      assertThat(regenerated.status()).isEqualTo(201);
      String influxToken = token(regenerated.body());

      // 003: create admin token (the operator exists: 409, as InfluxDB answers)
      Result again =
          curl(
              "curl --request POST \\\n\"http://"
                  + host
                  + "/api/v3/configure/token/admin\" \\\n--header \"Authorization: Bearer "
                  + influxToken
                  + "\"");
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.body()).isEqualTo("token name already exists, _admin");

      // 003: regenerate with the current token
      Result regeneratedAgain =
          curl(
              "curl --request POST \\\n\"http://"
                  + host
                  + "/api/v3/configure/token/admin/regenerate\" \\\n--header \"Authorization: Bearer "
                  + influxToken
                  + "\"");
      assertThat(regeneratedAgain.status()).isEqualTo(201);
      influxToken = token(regeneratedAgain.body());

      // 003: create a named admin token with expiry_secs 0 (never expires)
      Result named =
          curl(
              "curl --request POST \\\n\"http://"
                  + host
                  + "/api/v3/configure/token/named_admin\" \\\n--header \"Authorization: Bearer "
                  + influxToken
                  + "\" \\\n--header \"Content-Type: application/json\" \\\n--data-raw '{\n"
                  + "\"expiry_secs\": 0,\n\"token_name\": \"TOKEN_NAME\"\n}'");
      assertThat(named.status()).isEqualTo(201);
      assertThat(named.body()).contains("\"name\":\"TOKEN_NAME\"").endsWith("\"expiry\":null}");

      // 002: the named-admin example as printed (its header lacks a colon and it posts to the
      // operator endpoint); Tollgate answers like InfluxDB: the operator token exists
      Result printed =
          curl(
              "curl -X POST \"http://"
                  + host
                  + "/api/v3/configure/token/admin\" \\\n--header 'Authorization Bearer "
                  + influxToken
                  + "' \\\n--json '{ \"name\": \"TOKEN_NAME\" }'");
      assertThat(printed.status()).isEqualTo(409);

      // 003: delete the named token
      Result deleted =
          curl(
              "curl --request DELETE \\\n\"http://"
                  + host
                  + "/api/v3/configure/token?token_name=TOKEN_NAME\" \\\n--header \"Authorization: Bearer "
                  + influxToken
                  + "\"");
      assertThat(deleted.status()).isEqualTo(200);
      assertThat(deleted.body()).isEmpty();
      assertThat(h.authority.listTokens()).hasSize(1);
    }
  }

  private static String token(String body) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("token").asText();
  }
}
