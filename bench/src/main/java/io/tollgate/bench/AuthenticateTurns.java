package io.tollgate.bench;

import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.service.TokenService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The benchmarks of authentication against the index, next to their baseline (one bare SHA-512 of
 * the same 92-character token string), whatever store the index was loaded from: a subclass sets up
 * a {@link TokenService} and calls {@link #measure}.
 */
public abstract class AuthenticateTurns {

  /** The operations of {@link #interleaved}, in the order they take turns; the baseline first. */
  public static final List<String> TURNS =
      List.of("sha512Baseline", "authenticateValid", "authenticateUnknown");

  private TokenService service;
  private String validToken;
  private String unknownToken;
  private MessageDigest sha512;

  /** Measures {@code service} with a token it holds and one it does not. */
  void measure(TokenService service, String validToken, String unknownToken)
      throws NoSuchAlgorithmException {
    if (!service.authenticate(validToken).isAuthenticated()) {
      throw new IllegalStateException("benchmark setup is wrong: the valid token does not work");
    }
    this.service = service;
    this.validToken = validToken;
    this.unknownToken = unknownToken;
    this.sha512 = MessageDigest.getInstance("SHA-512");
  }

  /** The baseline: a bare SHA-512 of the token string's bytes. */
  @Benchmark
  public byte[] sha512Baseline() {
    return sha512.digest(validToken.getBytes(StandardCharsets.UTF_8));
  }

  @Benchmark
  public AuthenticationResult authenticateValid() {
    return service.authenticate(validToken);
  }

  @Benchmark
  public AuthenticationResult authenticateUnknown() {
    return service.authenticate(unknownToken);
  }

  /** The operations of {@link #TURNS}, one per iteration ({@link Rotation}), all in one fork. */
  @Benchmark
  public Object interleaved(Rotation rotation) {
    return switch (rotation.turn(TURNS.size())) {
      case 0 -> sha512Baseline();
      case 1 -> authenticateValid();
      default -> authenticateUnknown();
    };
  }
}
