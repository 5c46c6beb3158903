package io.tollgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Asks on stderr (so stdout stays clean for scripts) and reads one line from stdin. End of input or
 * anything but an accepted answer declines.
 */
final class Confirmation {

  private final CliEnvironment env;
  private final PrintWriter err;

  Confirmation(CliEnvironment env, PrintWriter err) {
    this.env = env;
    this.err = err;
  }

  boolean ask(String question, Set<String> accepted) {
    err.println(question);
    err.flush();
    String line;
    try {
      line =
          new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      return false;
    }
    return line != null && accepted.contains(line.strip());
  }
}
