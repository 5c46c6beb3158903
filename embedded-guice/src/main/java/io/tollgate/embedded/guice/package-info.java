/**
 * Tollgate for Guice: {@link io.tollgate.embedded.guice.TollgateModule} (core, the store at a
 * location, SQLite by default, and Argon2id recovery codes) or {@link
 * io.tollgate.embedded.guice.TollgateCoreModule} (core only, with your own store module). Both bind
 * a thread-safe {@link io.tollgate.core.port.in.TokenAuthority}. Without Guice, use {@code
 * io.tollgate.embedded.Tollgate} in {@code tollgate-embedded}.
 */
package io.tollgate.embedded.guice;
