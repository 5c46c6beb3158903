package io.tollgate.bench.baseline;

import io.javalin.Javalin;

/**
 * The start-up and throughput baseline: a minimal Javalin server with {@code GET /health -> 200}
 * and {@code GET /ping -> 200} with a body like Tollgate's (it ignores any Authorization header),
 * packaged alone as {@code bench/target/hello-javalin.jar}. Usage: {@code java -jar
 * hello-javalin.jar PORT}.
 */
public final class HelloJavalin {

  static final String PING_BODY = "{\"version\":\"0.1.0-SNAPSHOT\",\"revision\":\"unknown\"}";

  private HelloJavalin() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Javalin.create(
            config -> {
              config.routes.get("/health", ctx -> ctx.result("OK"));
              config.routes.get(
                  "/ping", ctx -> ctx.contentType("application/json").result(PING_BODY));
            })
        .start("127.0.0.1", port);
  }
}
