package io.tollgate.cli;

import java.util.Locale;

/** {@code --log-format}: how the server writes its log lines to stderr. */
public enum LogFormat {
  /** One human-readable line per event: time, level, logger, message. */
  TEXT,
  /** One JSON object per line (logback's {@code JsonEncoder}), for log collectors. */
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
