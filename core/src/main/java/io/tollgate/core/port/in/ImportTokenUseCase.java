package io.tollgate.core.port.in;

import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import java.util.Optional;

/**
 * Stores a token whose secret was made elsewhere (a token file read at start-up), hashed, once: not
 * when a token of that name or secret exists, and never again once the store imported that secret,
 * so a deleted imported token stays deleted.
 */
public interface ImportTokenUseCase {

  /** What an import did. */
  enum ImportOutcome {
    /** The token was stored. */
    IMPORTED,
    /** A token of that name exists; nothing was stored. */
    NAME_EXISTS,
    /** A token with that secret exists under another name; nothing was stored. */
    SECRET_EXISTS,
    /** The store imported that secret before and the token was deleted since; it stays deleted. */
    IMPORTED_BEFORE_AND_DELETED
  }

  /** The outcome, and the stored token when it is {@link ImportOutcome#IMPORTED}. */
  record ImportResult(ImportOutcome outcome, Optional<Token> token) {
    public ImportResult {
      if (outcome == null
          || token == null
          || token.isPresent() != (outcome == ImportOutcome.IMPORTED)) {
        throw new IllegalArgumentException("a token exactly when the outcome is IMPORTED");
      }
    }

    public static ImportResult imported(Token token) {
      return new ImportResult(ImportOutcome.IMPORTED, Optional.of(token));
    }

    public static ImportResult skipped(ImportOutcome outcome) {
      return new ImportResult(outcome, Optional.empty());
    }
  }

  /**
   * An admin token ({@code *:*:*}), as {@code --admin-token-file} imports it.
   *
   * @return what was done: the stored token, or why nothing was stored
   * @throws io.tollgate.core.domain.InvalidExpiryException for an expiring operator token
   */
  default ImportResult importToken(TokenName name, TokenSecret secret, Expiry expiry) {
    return importToken(name, secret, expiry, Permissions.ADMIN);
  }

  /**
   * A token holding {@code permissions}, as {@code --permission-tokens-file} imports it: a resource
   * token, or an admin token when they are {@code *:*:*}.
   *
   * @return what was done: the stored token, or why nothing was stored
   * @throws io.tollgate.core.domain.InvalidExpiryException for an expiring operator token
   * @throws io.tollgate.core.domain.InvalidTokenNameException for an operator token that is not an
   *     admin token
   * @throws io.tollgate.core.domain.InvalidPermissionException for a type, action or name the
   *     registered resource types do not have
   */
  ImportResult importToken(
      TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions);
}
