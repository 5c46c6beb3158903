package io.tollgate.core.service;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.core.domain.RecoveryCodeRejectedException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.out.RecoveryCodeHasher;
import io.tollgate.core.port.out.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and redeems the recovery code. Redemption is serialised, rate limited to five attempts a
 * minute, and spends the code in the transaction that regenerates {@code _admin}: both commit, or
 * neither does.
 */
public final class RecoveryCodeService implements RecoveryCodeUseCase {

  static final int ATTEMPTS_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final TokenService tokens;
  private final TokenStore store;
  private final RecoveryCodeHasher hasher;
  private final SecureRandom random;
  private final Clock clock;
  private final AttemptLimiter limiter;
  private final ManagementRules rules;

  /**
   * @param tokens the service that regenerates {@code _admin}, on {@code store}
   * @param store where the code's hash is kept, beside the tokens
   * @throws IllegalArgumentException if {@code tokens} keeps its tokens in another store
   */
  public RecoveryCodeService(
      TokenService tokens,
      TokenStore store,
      RecoveryCodeHasher hasher,
      SecureRandom random,
      Clock clock) {
    if (!tokens.keepsTokensIn(store)) {
      throw new IllegalArgumentException(
          "the recovery code must be kept in the store of the tokens it regenerates");
    }
    this.tokens = tokens;
    this.store = store;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.rules = new ManagementRules(clock);
    this.limiter = new AttemptLimiter(ATTEMPTS_PER_WINDOW, WINDOW, clock);
  }

  @Override
  public synchronized RecoveryCode issueRecoveryCode(Actor actor) {
    char[] characters = new char[RecoveryCode.GROUPS * RecoveryCode.GROUP_LENGTH];
    for (int i = 0; i < characters.length; i++) {
      characters[i] = RecoveryCode.ALPHABET.charAt(random.nextInt(RecoveryCode.ALPHABET.length()));
    }
    RecoveryCode code = RecoveryCode.ofCharacters(characters);
    Instant now = Instant.ofEpochMilli(clock.millis());
    String hash = hasher.hash(code.canonical());
    store.inTransaction(
        tx -> {
          // the issuing token as every change committed before this one left it, which must be
          // _admin (as issueRecoveryCodeAs says), or no token at all (an out-of-band channel)
          tx.lockForChange();
          rules.requireOperator(tx.tokens(), actor);
          tx.recoveryCodes().replace(hash, now);
          tx.audit(new AuditEntry(now, AuditEntry.RECOVERY_CODE_ISSUED, null, actor));
          return null;
        });
    return code;
  }

  @Override
  public boolean recoveryCodeRequired() {
    return store.recoveryCodes().currentHash().isPresent();
  }

  @Override
  public synchronized IssuedToken regenerateWithRecoveryCode(String presented) {
    Optional<String> current = store.recoveryCodes().currentHash();
    if (current.isEmpty()) {
      // refused if a code was issued meanwhile, on this node or another
      return tokens.regenerateOperatorTokenOutOfBand(
          Actor.RECOVERY_LISTENER,
          tx -> {
            if (tx.recoveryCodes().currentHash().isPresent()) {
              throw new RecoveryCodeRejectedException();
            }
          });
    }
    limiter.acquire();
    // verified outside the transaction, which would hold the store's writes as long as Argon2id
    try (RecoveryCode code = RecoveryCode.parseOrNull(presented)) {
      if (code == null || !hasher.verify(current.get(), code.canonical())) {
        throw new RecoveryCodeRejectedException();
      }
    }
    return tokens.regenerateOperatorTokenOutOfBand(
        Actor.RECOVERY_LISTENER,
        tx -> {
          // refused, and the regeneration with it, if the code was spent or replaced meanwhile
          if (!tx.recoveryCodes().consume(current.get())) {
            throw new RecoveryCodeRejectedException();
          }
          tx.audit(
              new AuditEntry(
                  Instant.ofEpochMilli(clock.millis()),
                  AuditEntry.RECOVERY_CODE_SPENT,
                  TokenName.OPERATOR.value(),
                  Actor.RECOVERY_LISTENER));
        });
  }
}
