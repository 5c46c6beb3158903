package io.tollgate.argon2;

/**
 * Argon2id cost parameters. {@link #OWASP} is the OWASP minimum for Argon2id: 19 MiB of memory, two
 * passes, one lane.
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

  public static final Argon2Parameters OWASP = new Argon2Parameters(19 * 1024, 2, 1);

  public Argon2Parameters {
    if (memoryKib < 19 * 1024 || iterations < 2 || parallelism < 1) {
      throw new IllegalArgumentException("Argon2id parameters must be at least m=19 MiB, t=2, p=1");
    }
  }
}
