package io.tollgate.core.domain;

import java.util.Locale;

/** Whether a token may authenticate. An inactive token is refused exactly like an unknown one. */
public enum TokenStatus {
  ACTIVE,
  INACTIVE;

  /** The wire form: {@code active} or {@code inactive}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TokenStatus fromWireName(String value) {
    for (TokenStatus status : values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    throw new InvalidTokenStatusException(
        "status must be \"active\" or \"inactive\", got \"" + value + "\"");
  }
}
