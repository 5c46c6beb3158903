package io.tollgate.cli;

import java.util.Locale;

/** The endpoints {@code --disable-authz} may exempt from authentication. */
public enum ExemptEndpoint {
  /** {@code /health}, {@code /api/v1/health}, {@code /health/live} and {@code /health/ready}. */
  HEALTH,
  /** {@code /ping}. */
  PING,
  /** {@code /metrics}. */
  METRICS;

  /** The command-line form: {@code health}, {@code ping}, {@code metrics}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
