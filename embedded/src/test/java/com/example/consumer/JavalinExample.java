package com.example.consumer;

import io.javalin.Javalin;
import io.tollgate.embedded.Tollgate;
import io.tollgate.http.TollgateJavalin;

public class JavalinExample {
  public static Javalin start(Tollgate tollgate, int port) {
    return Javalin.create(
            config -> {
              config.registerPlugin(
                  new TollgateJavalin(tollgate, options -> options.protect("/admin")));
              config.routes.get("/", ctx -> ctx.result("anyone may read this"));
              config.routes.get(
                  "/admin/hello",
                  ctx -> ctx.result("hello " + TollgateJavalin.principal(ctx).name()));
            })
        .start(port);
  }
}
