package io.tollgate.argon2;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.tollgate.core.port.out.RecoveryCodeHasher;
import java.nio.charset.StandardCharsets;

/**
 * Argon2id through the reference C library (argon2-jvm). The encoded hash carries salt and
 * parameters, so codes hashed with older parameters still verify.
 */
final class Argon2idRecoveryCodeHasher implements RecoveryCodeHasher {

  /** Loads the native library on first use, not when the server starts. */
  private static final class Native {
    static final Argon2 ARGON2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  }

  private final Argon2Parameters parameters;

  Argon2idRecoveryCodeHasher(Argon2Parameters parameters) {
    this.parameters = parameters;
  }

  @Override
  public String hash(char[] code) {
    return Native.ARGON2.hash(
        parameters.iterations(),
        parameters.memoryKib(),
        parameters.parallelism(),
        code,
        StandardCharsets.UTF_8);
  }

  @Override
  public boolean verify(String encodedHash, char[] code) {
    if (encodedHash == null || !encodedHash.startsWith("$argon2id$")) {
      return false;
    }
    return Native.ARGON2.verify(encodedHash, code, StandardCharsets.UTF_8);
  }
}
