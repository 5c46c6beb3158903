package io.tollgate.cli;

import java.util.Locale;

/** {@code --log-level}: the root log level of the server. */
public enum LogLevel {
  ERROR,
  WARN,
  INFO,
  DEBUG,
  TRACE;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
