package io.tollgate.core.port.out;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenName;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything that defines a token store, as rows to copy verbatim from one store to another ({@code
 * tollgate store copy}), whatever the kind of either: the identity, the id counter, the tokens with
 * their ids and times, the hashes imported from token files, the audit log oldest first, the
 * audit's fingerprint key, and the current recovery code's hash, if any. It holds hashes, never a
 * token string; {@link #toString()} shows only counts.
 *
 * @param clusterId the store's identity, kept by the copy so clients see the same store
 * @param nextTokenId the id the next new token gets: above every id ever used, so ids stay unique
 *     after the copy even when the highest ones were deleted
 * @param auditKey the audit's credential-fingerprint key (32 bytes), so fingerprints written before
 *     the copy still match the same credential after it
 * @param recoveryCode the current recovery code, or null
 */
public record StoreSnapshot(
    UUID clusterId,
    long nextTokenId,
    List<Token> tokens,
    List<ImportedToken> importedTokens,
    List<AuditEntry> auditEntries,
    byte[] auditKey,
    RecoveryCode recoveryCode) {

  /** The length of an audit fingerprint key. */
  public static final int AUDIT_KEY_BYTES = 32;

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
   * @throws IllegalArgumentException if {@code nextTokenId} is not above every token's id, or the
   *     audit key is not 32 bytes
   */
  public StoreSnapshot {
    Objects.requireNonNull(clusterId, "clusterId");
    tokens = List.copyOf(tokens);
    importedTokens = List.copyOf(importedTokens);
    auditEntries = List.copyOf(auditEntries);
    if (auditKey == null || auditKey.length != AUDIT_KEY_BYTES) {
      throw new IllegalArgumentException("the audit key must have " + AUDIT_KEY_BYTES + " bytes");
    }
    auditKey = auditKey.clone();
    long highest = tokens.stream().mapToLong(token -> token.id().value()).max().orElse(-1);
    if (nextTokenId < 0 || nextTokenId <= highest) {
      throw new IllegalArgumentException(
          "the next token id " + nextTokenId + " must be above every token id (" + highest + ")");
    }
  }

  /** A copy of the audit key; the caller should wipe it after use. */
  @Override
  public byte[] auditKey() {
    return auditKey.clone();
  }

  /** Equal when every part is, the audit key compared by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StoreSnapshot that
        && nextTokenId == that.nextTokenId
        && clusterId.equals(that.clusterId)
        && tokens.equals(that.tokens)
        && importedTokens.equals(that.importedTokens)
        && auditEntries.equals(that.auditEntries)
        && Arrays.equals(auditKey, that.auditKey)
        && Objects.equals(recoveryCode, that.recoveryCode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clusterId, nextTokenId, tokens, importedTokens, auditEntries, recoveryCode)
            * 31
        + Arrays.hashCode(auditKey);
  }

  /** Counts only: never a hash, the key or the recovery code. */
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
