package io.tollgate.core.testing;

import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine beyond a JDK (a program such as openssl, curl, nginx or
 * Chromium, or a Linux facility): where it is missing, the test fails under CI (the {@code CI}
 * environment variable is set, as {@code .ci/run} sets it) and is skipped elsewhere, with a message
 * that says what to install. CI installs every such part, so a part missing there is a broken run,
 * never a quietly skipped test.
 */
public final class Prerequisite {

  private Prerequisite() {}

  /**
   * Returns when {@code present}; otherwise fails under CI and skips elsewhere.
   *
   * @param missing what is missing and how to get it, e.g. {@code "openssl is not installed
   *     (apt-get install openssl)"}
   */
  public static void require(boolean present, String missing) {
    require(present, missing, System.getenv());
  }

  /** As {@link #require(boolean, String)}, in the environment given. */
  static void require(boolean present, String missing, Map<String, String> environment) {
    if (present) {
      return;
    }
    if (environment.get("CI") != null) {
      Assertions.fail("CI is set but a test's prerequisite is missing: " + missing);
    }
    Assumptions.abort("skipped: " + missing);
  }
}
