package io.tollgate.core.service;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.core.domain.RecoveryCodeRejectedException;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.RegenerateOperatorTokenUseCase;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.RecoveryCodeHasher;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and redeems the recovery code. Redemption is serialised, rate limited to five attempts a
 * minute, and spends the code only when the regeneration succeeded.
 */
public final class RecoveryCodeService implements RecoveryCodeUseCase {

  static final int ATTEMPTS_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final RegenerateOperatorTokenUseCase regenerate;
  private final RecoveryCodeRepository codes;
  private final RecoveryCodeHasher hasher;
  private final SecureRandom random;
  private final Clock clock;
  private final AuditLog audit;
  private final AttemptLimiter limiter;

  public RecoveryCodeService(
      RegenerateOperatorTokenUseCase regenerate,
      RecoveryCodeRepository codes,
      RecoveryCodeHasher hasher,
      SecureRandom random,
      Clock clock,
      AuditLog audit) {
    this.regenerate = regenerate;
    this.codes = codes;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.audit = audit;
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
    audit.recordWith(
        new AuditEntry(now, "recovery code issued", null, actor),
        () -> {
          codes.replace(hash, now);
          return code;
        });
    return code;
  }

  @Override
  public boolean recoveryCodeRequired() {
    return codes.currentHash().isPresent();
  }

  @Override
  public synchronized IssuedToken regenerateWithRecoveryCode(String presented) {
    Optional<String> current = codes.currentHash();
    if (current.isEmpty()) {
      return regenerate.regenerateOperatorTokenOutOfBand(Actor.RECOVERY_LISTENER);
    }
    limiter.acquire();
    try (RecoveryCode code = RecoveryCode.parseOrNull(presented)) {
      if (code == null || !hasher.verify(current.get(), code.canonical())) {
        throw new RecoveryCodeRejectedException();
      }
    }
    IssuedToken issued = regenerate.regenerateOperatorTokenOutOfBand(Actor.RECOVERY_LISTENER);
    audit.recordWith(
        new AuditEntry(
            Instant.ofEpochMilli(clock.millis()),
            "recovery code spent",
            issued.token().name().value(),
            Actor.RECOVERY_LISTENER),
        () -> codes.consume(current.get()));
    return issued;
  }
}
