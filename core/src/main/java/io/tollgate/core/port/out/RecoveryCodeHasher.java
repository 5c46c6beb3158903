package io.tollgate.core.port.out;

/**
 * A deliberately slow, salted password hash (Argon2id) for recovery codes. Implementations never
 * keep or log the characters they are given.
 */
public interface RecoveryCodeHasher {

  /** An encoded hash carrying its own salt and parameters. */
  String hash(char[] code);

  /** True when {@code code} matches {@code encodedHash}. */
  boolean verify(String encodedHash, char[] code);
}
