/**
 * Tollgate as a library, wired by hand: {@link io.tollgate.embedded.Tollgate} ({@code
 * Tollgate.open(dir)} or {@code Tollgate.inMemory()}) gives a thread-safe {@link
 * io.tollgate.core.port.in.TokenAuthority} over core and the SQLite store, and needs nothing else.
 * For Guice, see {@code io.tollgate.embedded.guice} in {@code tollgate-embedded-guice}; to protect
 * a Javalin app, see {@code io.tollgate.http.TollgateJavalin} in {@code tollgate-adapters-http}.
 */
package io.tollgate.embedded;
