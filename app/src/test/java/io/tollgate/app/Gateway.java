package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.testing.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx or Caddy run as the current user from a temporary directory, on a loopback port,
 * from the configuration the README shows ({@code src/test/resources/gateways}) with its example
 * ports ({@code 8080} the gateway, {@code 8181} Tollgate, {@code 9000} the upstream) replaced.
 * Nothing is written outside the directory and nothing binds 80 or 443.
 */
final class Gateway implements AutoCloseable {
  static final Path CONFIGS = Path.of("src/test/resources/gateways");

  final int port;
  private final Process process;
  private final Path log;

  private Gateway(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * The gateway's binary, or a failed test when {@code CI} is set, or a skipped one (with the
   * reason) elsewhere.
   */
  static String binary(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String candidate : List.of(dir, "/usr/sbin", "/usr/bin")) {
        Path path = Path.of(candidate, name);
        if (Files.isExecutable(path)) {
          return path.toString();
        }
      }
    }
    String message =
        name
            + " is not installed: the gateway tests need it (apt-get install "
            + debianPackage
            + "; .ci/run installs it)";
    Prerequisite.require(false, message);
    return null;
  }

  /** The README's configuration text with the example ports replaced. */
  static String configured(String file, int gateway, int tollgate, int upstream) {
    try {
      String text = Files.readString(CONFIGS.resolve(file), StandardCharsets.UTF_8);
      return text.replace("127.0.0.1:8080", "127.0.0.1:" + gateway)
          .replace("127.0.0.1:8181", "127.0.0.1:" + tollgate)
          .replace("127.0.0.1:9000", "127.0.0.1:" + upstream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Gateway nginx(Path dir, int tollgate, int upstream) throws IOException {
    String nginx = binary("nginx", "nginx");
    return onFreePort(
        dir.resolve("error.log"), port -> nginx(nginx, dir, port, tollgate, upstream));
  }

  private static ProcessBuilder nginx(String nginx, Path dir, int port, int tollgate, int upstream)
      throws IOException {
    Path site = dir.resolve("tollgate.conf");
    Files.writeString(site, configured("nginx-tollgate.conf", port, tollgate, upstream));
    Path conf = dir.resolve("nginx.conf");
    String temp = dir.resolve("temp").toString();
    Files.createDirectories(dir.resolve("temp"));
    Files.writeString(
        conf,
        String.join(
            "\n",
            "worker_processes 1;",
            "events { worker_connections 256; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + temp + "/body;",
            "  proxy_temp_path " + temp + "/proxy;",
            "  fastcgi_temp_path " + temp + "/fastcgi;",
            "  uwsgi_temp_path " + temp + "/uwsgi;",
            "  scgi_temp_path " + temp + "/scgi;",
            "  include " + site + ";",
            "}",
            ""));
    Path log = dir.resolve("error.log");
    ProcessBuilder builder =
        new ProcessBuilder(
            nginx,
            "-p",
            dir.toString(),
            "-e",
            log.toString(),
            "-c",
            conf.toString(),
            "-g",
            "daemon off; master_process on; pid " + dir.resolve("nginx.pid") + ";");
    return builder;
  }

  static Gateway caddy(Path dir, int tollgate, int upstream) throws IOException {
    String caddy = binary("caddy", "caddy");
    return onFreePort(
        dir.resolve("caddy.log"), port -> caddy(caddy, dir, port, tollgate, upstream));
  }

  private static ProcessBuilder caddy(String caddy, Path dir, int port, int tollgate, int upstream)
      throws IOException {
    Path file = dir.resolve("Caddyfile");
    Files.writeString(
        file,
        "{\n\tadmin off\n\tauto_https off\n\tskip_install_trust\n}\n\n"
            + configured("Caddyfile", port, tollgate, upstream));
    Path log = dir.resolve("caddy.log");
    ProcessBuilder builder =
        new ProcessBuilder(caddy, "run", "--config", file.toString(), "--adapter", "caddyfile");
    // Caddy 2.6 has no persist_config option: its autosave goes to XDG_CONFIG_HOME, kept here
    Map<String, String> env = builder.environment();
    env.put("HOME", dir.toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    return builder;
  }

  /** A gateway's process, set up for the port it is given. */
  private interface SetUp {
    ProcessBuilder on(int port) throws IOException;
  }

  /**
   * Starts a gateway on a port found free, trying another one (three attempts) when that port was
   * taken before the gateway could bind it: a port is chosen and then bound by another process, and
   * any socket may take it in between.
   */
  private static Gateway onFreePort(Path log, SetUp setUp) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Files.deleteIfExists(log); // a failed attempt's lines would be read as this one's
      Files.deleteIfExists(log.resolveSibling(log.getFileName() + ".out"));
      try {
        return started(setUp.on(port), port, log);
      } catch (PortTaken e) {
        if (attempt == 3) {
          throw new AssertionError("the gateway found no free port:\n" + output(log), e);
        }
      }
    }
  }

  /** The gateway could not bind its port. */
  private static final class PortTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static boolean portTaken(Path log) {
    return output(log).toLowerCase(Locale.ROOT).contains("address already in use");
  }

  private static Gateway started(ProcessBuilder builder, int port, Path log) throws IOException {
    builder
        .redirectErrorStream(true)
        .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (portTaken(log)) {
        // the port answers, but not for this gateway (nginx tries its bind again before exiting)
        process.destroyForcibly();
        throw new PortTaken();
      }
      if (!process.isAlive()) {
        throw new AssertionError("the gateway exited at start:\n" + output(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        if (!portTaken(log)) {
          return new Gateway(port, process, log);
        }
      } catch (IOException notYet) {
        sleep();
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the gateway did not listen within 20 s:\n" + output(log));
  }

  private static String output(Path log) {
    List<String> parts = new ArrayList<>();
    for (Path file : List.of(log, log.resolveSibling(log.getFileName() + ".out"))) {
      try {
        parts.add(Files.readString(file));
      } catch (IOException e) {
        parts.add("(no " + file.getFileName() + ")");
      }
    }
    return String.join("\n", parts);
  }

  String log() {
    return output(log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the gateway; an interruption is kept as the thread's interrupt status. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    assertThat(process.isAlive()).isFalse();
  }

  static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
