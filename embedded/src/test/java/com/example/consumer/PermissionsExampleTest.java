package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.embedded.Tollgate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The README's permissions example: a read-only token may GET /orders but not POST it. */
class PermissionsExampleTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private String token(Tollgate tollgate, String name, String permissions) {
    return tollgate
        .createResourceToken(
            new CreateResourceTokenCommand(
                TokenName.named(name),
                Permissions.parse(permissions),
                Lifetime.FOREVER,
                null,
                new Actor(null, "test")))
        .secret()
        .value();
  }

  private int send(String method, String url, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aReadOnlyToken_mayGetButNotPost_aWriterMayPost_noTokenIs401() throws Exception {
    try (Tollgate tollgate = PermissionsExample.open()) {
      String reader = token(tollgate, "dashboard", "orders:*:read");
      String writer = token(tollgate, "importer", "orders:*:read,write");
      String other = token(tollgate, "metrics", "system:metrics:read");
      Javalin app = PermissionsExample.start(tollgate, 0);
      try {
        String orders = "http://localhost:" + app.port() + "/orders";

        assertThat(send("GET", orders, reader)).isEqualTo(200);
        assertThat(send("POST", orders, reader)).isEqualTo(403);
        assertThat(send("POST", orders, writer)).isEqualTo(201);
        assertThat(send("GET", orders, other)).isEqualTo(403);
        assertThat(send("GET", orders, null)).isEqualTo(401);
        assertThat(send("GET", orders, "apiv3_" + "x".repeat(86))).isEqualTo(401);
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void aTypeTheApplicationDidNotDeclare_cannotBeGiven() {
    try (Tollgate tollgate = Tollgate.inMemory()) {
      Assertions.assertThatThrownBy(() -> token(tollgate, "x", "orders:*:read"))
          .isInstanceOf(InvalidPermissionException.class)
          .hasMessageContaining("orders");
    }
  }
}
