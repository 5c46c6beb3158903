package io.tollgate.cli;

import java.util.Optional;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How wide the pretty output may be: {@code COLUMNS} when set to a positive number; else, on a
 * terminal, its width as picocli's auto-width help detects it, {@link #DEFAULT} when that fails;
 * else (stdout is a pipe or a file, and no {@code COLUMNS}) {@link #UNLIMITED}: nothing is fitted.
 */
final class TerminalWidth {

  static final int DEFAULT = 120;
  static final int UNLIMITED = Integer.MAX_VALUE;

  private TerminalWidth() {}

  static int of(CliEnvironment env) {
    Optional<Integer> columns = env.variable("COLUMNS").flatMap(TerminalWidth::positive);
    if (columns.isPresent()) {
      return columns.get();
    }
    if (!env.stdoutIsTerminal()) {
      return UNLIMITED;
    }
    return detected();
  }

  /** picocli's own detection (it asks the terminal); {@link #DEFAULT} when it cannot tell. */
  private static int detected() {
    try {
      UsageMessageSpec usage = new UsageMessageSpec().width(DEFAULT).autoWidth(true);
      return usage.width();
    } catch (RuntimeException e) {
      return DEFAULT;
    }
  }

  private static Optional<Integer> positive(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      return value > 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
