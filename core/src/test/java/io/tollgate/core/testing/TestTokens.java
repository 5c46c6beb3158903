package io.tollgate.core.testing;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import java.time.Instant;

/** Builders for test tokens, shared with the adapters' tests through core's test-jar. */
public final class TestTokens {

  public static final Instant T0 = Instant.parse("2025-04-18T14:02:45.331Z");
  private static final Sha512TokenHasher HASHER = new Sha512TokenHasher();

  private TestTokens() {}

  public static TokenHash hashOf(String secret) {
    return HASHER.hash(secret);
  }

  public static NewToken newToken(String name) {
    return newToken(name, "apiv3_secret-of-" + name);
  }

  public static NewToken newToken(String name, String secret) {
    return new NewToken(TokenName.of(name), hashOf(secret), T0, null, Expiry.NEVER, null);
  }

  /** A resource token holding {@code permissions} (their text form, e.g. {@code db:a:read}). */
  public static NewToken newResourceToken(String name, String permissions) {
    return new NewToken(
        TokenName.of(name),
        hashOf("apiv3_secret-of-" + name),
        T0,
        null,
        Expiry.NEVER,
        null,
        Permissions.parse(permissions));
  }

  public static NewToken newToken(String name, String secret, TokenId createdBy, Expiry expiry) {
    return new NewToken(TokenName.of(name), hashOf(secret), T0, createdBy, expiry, null);
  }
}
