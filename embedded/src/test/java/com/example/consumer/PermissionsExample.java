package com.example.consumer;

import io.javalin.Javalin;
import io.tollgate.core.domain.ResourceType;
import io.tollgate.embedded.Tollgate;
import io.tollgate.http.TollgateJavalin;

public class PermissionsExample {
  /** Tollgate with an "orders" resource type, for tokens such as "orders:*:read". */
  public static Tollgate open() {
    return Tollgate.builder()
        .resourceType(ResourceType.anyName("orders", "read", "write"))
        .inMemory();
  }

  public static Javalin start(Tollgate tollgate, int port) {
    return Javalin.create(
            config -> {
              config.registerPlugin(new TollgateJavalin(tollgate));
              config.routes.get(
                  "/orders", ctx -> ctx.result("[]"), TollgateJavalin.requires("orders:*:read"));
              config.routes.post(
                  "/orders",
                  ctx -> ctx.status(201).result("created"),
                  TollgateJavalin.requires("orders:*:write"));
            })
        .start(port);
  }
}
