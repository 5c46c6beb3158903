package io.tollgate.app;

import static io.tollgate.app.PostgresCluster.Http.check;
import static io.tollgate.app.PostgresCluster.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import io.tollgate.stores.StoreLocation;
import io.tollgate.stores.Stores;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate store copy} as a user runs it, with real processes and a real PostgreSQL (the one
 * named by {@code TOLLGATE_TEST_POSTGRES_URL}, else embedded binaries): from one node's data
 * directory to PostgreSQL, served from there, and back to a new data directory; the same tokens
 * authenticate all along, a deleted one never, and the password is never printed.
 */
class StoreCopyIT {

  private static final String ENV = "TOLLGATE_TEST_POSTGRES_URL";

  /** Embedded PostgreSQL trusts local connections, so any password works and proves redaction. */
  private static final String EMBEDDED_PASSWORD = "s3cret-copy-pw";

  @TempDir static Path work;
  private static PostgresCluster embedded;
  private static URI server;

  @BeforeAll
  static void startPostgres() throws Exception {
    String external = System.getenv(ENV);
    if (external != null && !external.isBlank()) {
      server = URI.create(external);
    } else {
      embedded = PostgresCluster.start(work);
      String probe = embedded.url("postgres", "copy-it");
      URI plain = URI.create(probe.substring(0, probe.indexOf('?')));
      server =
          URI.create(
              "postgresql://postgres:"
                  + EMBEDDED_PASSWORD
                  + "@"
                  + plain.getHost()
                  + ":"
                  + plain.getPort()
                  + "/postgres");
    }
  }

  @AfterAll
  static void stopPostgres() {
    if (embedded != null) {
      embedded.close();
    }
  }

  /** A new, empty database on the server; returns its store URL, password included. */
  private static String freshDatabase() throws Exception {
    String name = "tollgate_copy_" + UUID.randomUUID().toString().substring(0, 8);
    String[] userInfo = server.getRawUserInfo().split(":", 2);
    String user = java.net.URLDecoder.decode(userInfo[0], java.nio.charset.StandardCharsets.UTF_8);
    String password =
        userInfo.length > 1
            ? java.net.URLDecoder.decode(userInfo[1], java.nio.charset.StandardCharsets.UTF_8)
            : "";
    try (Connection admin =
            DriverManager.getConnection(
                "jdbc:postgresql://"
                    + server.getRawAuthority().replaceFirst("^.*@", "")
                    + server.getRawPath(),
                user,
                password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return "postgresql://" + server.getRawAuthority() + "/" + name;
  }

  private static String password() {
    String[] userInfo = server.getRawUserInfo().split(":", 2);
    return userInfo.length > 1 ? userInfo[1] : null;
  }

  private static TokenService service(TokenStore store) {
    return new TokenService(
        store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), Clock.systemUTC());
  }

  private static String createNamed(TokenService tokens, String name) {
    return tokens
        .createNamedAdminToken(
            new CreateNamedAdminTokenCommand(
                TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP))
        .secret()
        .value();
  }

  private static TollgateProcess.Result copy(String from, String to) throws Exception {
    TollgateProcess.Result result =
        TollgateProcess.run(Map.of(), "store", "copy", "--from", from, "--to", to, "--yes");
    if (password() != null) {
      assertThat(result.stdout() + result.stderr()).doesNotContain(password());
    }
    return result;
  }

  private static boolean authenticates(Path dataDir, String secret) {
    try (TokenStore store = Stores.open(new StoreLocation.SqliteDirectory(dataDir))) {
      return service(store).authenticate(secret).isAuthenticated();
    }
  }

  @Test
  void fromOneNodeToPostgres_andBack_theSameTokensAuthenticate_aDeletedOneNever() throws Exception {
    Path single = work.resolve("single");
    String admin;
    String ci;
    String gone;
    UUID identity;
    try (TokenStore store = Stores.open(new StoreLocation.SqliteDirectory(single))) {
      TokenService tokens = service(store);
      admin = tokens.createOperatorToken(Actor.BOOTSTRAP).secret().value();
      ci = createNamed(tokens, "ci");
      gone = createNamed(tokens, "gone");
      tokens.deleteToken(TokenName.named("gone"), Actor.BOOTSTRAP);
      identity = store.clusterId();
    }
    String cluster = freshDatabase();

    TollgateProcess.Result toCluster = copy(single.toString(), cluster);

    assertThat(toCluster.exitCode()).as(toCluster.stderr()).isZero();
    assertThat(toCluster.stdout())
        .startsWith("Copied 2 tokens, 0 imported hashes, ")
        .contains(" to postgresql://")
        .endsWith("; verified\n");

    String doomed;
    try (TollgateProcess.Server node =
        PostgresCluster.node(work, cluster, "copied-node", Duration.ofSeconds(10))) {
      assertThat(check(node.url, admin)).isEqualTo(200);
      assertThat(check(node.url, ci)).isEqualTo(200);
      assertThat(check(node.url, gone)).isEqualTo(401);
      assertThat(send(node.url, "GET", "/health?format=json", admin, null).body())
          .as("a node of a shared store reports its lag")
          .containsPattern("\\{\"name\":\"store\",\"status\":\"pass\",\"lag_ms\":[0-9]+\\}");
      doomed =
          PostgresCluster.Http.secretOf(
              send(
                  node.url,
                  "POST",
                  "/api/v3/configure/token/named_admin",
                  admin,
                  "{\"token_name\": \"made-in-the-cluster\"}"));
      assertThat(
              send(node.url, "DELETE", "/api/v3/configure/token?token_name=ci", admin, null)
                  .statusCode())
          .isEqualTo(200);
      assertThat(check(node.url, ci)).isEqualTo(401);
    }

    Path back = work.resolve("back");
    TollgateProcess.Result toSingle = copy(cluster, back.toString());

    assertThat(toSingle.exitCode()).as(toSingle.stderr()).isZero();
    assertThat(toSingle.stdout()).startsWith("Copied 2 tokens, ");
    assertThat(authenticates(back, admin)).isTrue();
    assertThat(authenticates(back, doomed)).isTrue();
    assertThat(authenticates(back, ci)).isFalse();
    assertThat(authenticates(back, gone)).isFalse();
    try (TokenStore store = Stores.open(new StoreLocation.SqliteDirectory(back))) {
      assertThat(store.clusterId()).isEqualTo(identity);
      assertThat(
              store
                  .tokens()
                  .findByName(TokenName.named("made-in-the-cluster"))
                  .orElseThrow()
                  .id()
                  .value())
          .isEqualTo(3);
      assertThat(store.auditLog().entries()).isNotEmpty();
    }
  }

  @Test
  void intoANonEmptyDatabase_orFromADirectoryAServerHolds_isRefused_andWritesNothing()
      throws Exception {
    Path source = work.resolve("source");
    try (TokenStore store = Stores.open(new StoreLocation.SqliteDirectory(source))) {
      service(store).createOperatorToken(Actor.BOOTSTRAP);
    }
    String cluster = freshDatabase();
    assertThat(copy(source.toString(), cluster).exitCode()).isZero();

    TollgateProcess.Result again = copy(source.toString(), cluster);

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).startsWith("error: ").contains("not empty");
    assertThat(again.stdout()).isEmpty();

    Path target = work.resolve("never-written");
    try (TollgateProcess.Server running = TollgateProcess.Server.start(source)) {
      TollgateProcess.Result held = copy(source.toString(), target.toString());

      assertThat(held.exitCode()).isEqualTo(1);
      assertThat(held.stderr()).startsWith("error: ").contains(source.toString());
      assertThat(check(running.url, null)).isIn(200, 401);
    }
    assertThat(target).doesNotExist();
  }
}
