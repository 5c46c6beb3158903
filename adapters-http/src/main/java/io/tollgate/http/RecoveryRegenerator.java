package io.tollgate.http;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.RegenerateOperatorTokenUseCase;

/**
 * What the recovery listener asks of core: a new operator secret on the authority of whatever the
 * caller presented (possibly nothing). Core decides whether that is enough.
 */
@FunctionalInterface
interface RecoveryRegenerator {

  /**
   * @param presentedCode the credential of the {@code Authorization} header, or null; never logged
   * @throws io.tollgate.core.domain.RecoveryCodeRejectedException when a code is required and this
   *     is not it
   * @throws io.tollgate.core.domain.TooManyAttemptsException past the attempt limit
   */
  IssuedToken regenerate(String presentedCode);

  /** Reaching the listener is the authority: for servers that keep no recovery codes. */
  static RecoveryRegenerator withoutCode(RegenerateOperatorTokenUseCase regenerate) {
    return ignored -> regenerate.regenerateOperatorTokenOutOfBand(Actor.RECOVERY_LISTENER);
  }

  /**
   * The recovery code, when one was issued, is demanded and spent (see {@link
   * RecoveryCodeUseCase}).
   */
  static RecoveryRegenerator withCodes(RecoveryCodeUseCase codes) {
    return codes::regenerateWithRecoveryCode;
  }
}
