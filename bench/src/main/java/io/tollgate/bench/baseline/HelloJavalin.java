package io.tollgate.bench.baseline;

import io.javalin.Javalin;

/**
 * The start-up baseline: a minimal Javalin server with {@code GET /health -> 200}, packaged alone
 * as {@code bench/target/hello-javalin.jar}. Usage: {@code java -jar hello-javalin.jar PORT}.
 */
public final class HelloJavalin {

  private HelloJavalin() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Javalin.create(config -> config.routes.get("/health", ctx -> ctx.result("OK")))
        .start("127.0.0.1", port);
  }
}
