/**
 * Tollgate as a library. Wire it by hand with {@link io.tollgate.embedded.Tollgate} ({@code
 * Tollgate.open(dir)} or {@code Tollgate.inMemory()}), or by Guice with {@link
 * io.tollgate.embedded.TollgateModule} (everything) or {@link
 * io.tollgate.embedded.TollgateCoreModule} (core only, with your own store module). Both give a
 * thread-safe {@link io.tollgate.core.port.in.TokenAuthority}. To protect a Javalin app with it,
 * see {@code io.tollgate.http.TollgateJavalin} in {@code tollgate-adapters-http}.
 */
package io.tollgate.embedded;
