package io.tollgate.argon2;

import io.tollgate.core.port.out.RecoveryCodeHasher;

/** Makes Argon2id recovery-code hashers. */
public final class Argon2Hashers {

  private Argon2Hashers() {}

  /** Argon2id with the given parameters (at least the OWASP minimum). */
  public static RecoveryCodeHasher argon2id(Argon2Parameters parameters) {
    return new Argon2idRecoveryCodeHasher(parameters);
  }
}
