/**
 * The HTTP adapter: InfluxDB 3 Core's {@code /api/v3/configure/token*} API on Javalin 7 / Jetty 12,
 * the {@code system.tokens} form of {@code /api/v3/query_sql}, health, ping, Prometheus metrics,
 * TLS and the admin-token recovery listener.
 *
 * <p>The public face is small: {@link io.tollgate.http.HttpServerConfig} (what to serve and where),
 * {@link io.tollgate.http.TollgateHttpServer} (start, stop, bound ports) and {@link
 * io.tollgate.http.HttpModule} (Guice); for protecting your own Javalin app, {@link
 * io.tollgate.http.TollgateJavalin} (a Javalin plugin) and {@link
 * io.tollgate.http.TollgatePrincipal}. Everything else is package-private. The adapter has no rules
 * of its own: it translates HTTP into the use cases of {@link
 * io.tollgate.core.port.in.TokenAuthority} and domain errors back into InfluxDB's statuses and
 * bodies.
 */
package io.tollgate.http;
