package io.tollgate.postgres;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a token store holds, as rows to copy verbatim between stores ({@code tollgate store
 * copy}): the identity, the id counter, the tokens with their ids and times, the hashes imported
 * from token files, the audit log oldest first, and the current recovery code's hash, if any.
 *
 * @param nextTokenId the id the next new token gets: above every id ever used, so ids stay unique
 *     after the copy even when the highest ones were deleted
 * @param recoveryCode the current recovery code, or null
 */
public record StoreSnapshot(
    UUID clusterId,
    long nextTokenId,
    List<Token> tokens,
    List<ImportedToken> importedTokens,
    List<AuditEntry> auditEntries,
    RecoveryCode recoveryCode) {

  /** A hash brought in by a token file, remembered after its token is deleted. */
  public record ImportedToken(TokenHash hash, TokenName name, Instant importedAt) {
    public ImportedToken {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(importedAt, "importedAt");
    }
  }

  /** The current recovery code's encoded hash and when it was issued. */
  public record RecoveryCode(String encodedHash, Instant issuedAt) {
    public RecoveryCode {
      if (encodedHash == null || encodedHash.isEmpty()) {
        throw new IllegalArgumentException("a recovery code needs its hash");
      }
      Objects.requireNonNull(issuedAt, "issuedAt");
    }

    @Override
    public String toString() {
      return "RecoveryCode[issuedAt=" + issuedAt + "]";
    }
  }

  /**
   * @throws IllegalArgumentException if {@code nextTokenId} is not above every token's id
   */
  public StoreSnapshot {
    Objects.requireNonNull(clusterId, "clusterId");
    tokens = List.copyOf(tokens);
    importedTokens = List.copyOf(importedTokens);
    auditEntries = List.copyOf(auditEntries);
    long highest = tokens.stream().mapToLong(token -> token.id().value()).max().orElse(-1);
    if (nextTokenId < 0 || nextTokenId <= highest) {
      throw new IllegalArgumentException(
          "the next token id " + nextTokenId + " must be above every token id (" + highest + ")");
    }
  }

  @Override
  public String toString() {
    return "StoreSnapshot[clusterId="
        + clusterId
        + ", nextTokenId="
        + nextTokenId
        + ", "
        + tokens.size()
        + " tokens, "
        + importedTokens.size()
        + " imported, "
        + auditEntries.size()
        + " audit entries, recovery code "
        + (recoveryCode == null ? "none" : "present")
        + "]";
  }
}
