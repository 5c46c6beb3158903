package io.tollgate.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL (embedded binaries) this test JVM can stop and start again on the same port and
 * data directory, and {@code tollgate serve --store URL} child processes on one database of it.
 */
final class PostgresCluster implements AutoCloseable {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  private PostgresCluster(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /**
   * Starts PostgreSQL on a port found free, trying another port and data directory (three attempts)
   * when it does not start: a port is chosen and then bound by another process, and any socket may
   * take it in between.
   */
  static PostgresCluster start(Path workDir) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PostgresCluster cluster = new PostgresCluster(workDir.resolve("pgdata-" + attempt), port);
      try {
        cluster.startServer();
        return cluster;
      } catch (UncheckedIOException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Starts PostgreSQL on the port and data directory it had (the data kept). */
  void startServer() {
    try {
      server =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  /** Stops PostgreSQL (a fast shutdown: every connection ends), keeping its data. */
  void stopServer() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }

  /** A new, empty database; returns its name. */
  String freshDatabase() {
    String name = "tollgate_cluster_" + DATABASES.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name);
    return name;
  }

  /** The store URL of {@code database} for the node called {@code node} in pg_stat_activity. */
  String url(String database, String node) {
    return "postgresql://postgres@localhost:" + port + "/" + database + "?ApplicationName=" + node;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
  }

  void execute(String database, String sql) {
    try (Connection c = connect(database);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run: " + sql, e);
    }
  }

  /** The server process ids of the connections named {@code applicationName}. */
  List<Integer> backends(String applicationName) {
    List<Integer> pids = new ArrayList<>();
    try (Connection c = connect("postgres");
        var statement =
            c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      statement.setString(1, applicationName);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          pids.add(rs.getInt(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pg_stat_activity", e);
    }
    return pids;
  }

  /** {@code serve --store URL} for {@code node}, checks failing closed after {@code staleness}. */
  static TollgateProcess.Server node(Path workDir, String storeUrl, String node, Duration staleness)
      throws IOException {
    Path dataDir = Files.createDirectories(workDir.resolve(node));
    return TollgateProcess.Server.start(
        dataDir,
        "--store",
        storeUrl,
        "--max-staleness",
        staleness.toSeconds() + "s",
        "--auth-failure-limit",
        "0");
  }

  @Override
  public void close() {
    if (server != null) {
      stopServer();
    }
  }

  /** A small HTTP client for the nodes. */
  static final class Http {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    static HttpResponse<String> send(
        String base, String method, String path, String token, String jsonBody) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (jsonBody != null) {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      try {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(base + path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** The status a token check ({@code GET /ping}) gets on {@code base}. */
    static int check(String base, String token) {
      return send(base, "GET", "/ping", token, null).statusCode();
    }

    /** The {@code "token"} of a 201 token object. */
    static String secretOf(HttpResponse<String> created) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
      if (!m.find()) {
        throw new AssertionError("no token in " + created.body());
      }
      return m.group(1);
    }
  }
}
