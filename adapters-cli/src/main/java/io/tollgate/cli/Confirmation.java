package io.tollgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Asks on stderr (so stdout stays clean for scripts) and reads one line from stdin. Anything but an
 * accepted answer declines; when stdin gives no answer at all (it ended: a script, a pipe, {@code
 * </dev/null}) the refusal says how to skip the question.
 */
final class Confirmation {

  static final String NO_ANSWER_HINT =
      "stdin gave no answer (not a terminal?): pass --yes to skip this confirmation";

  private final CliEnvironment env;
  private final PrintWriter err;

  Confirmation(CliEnvironment env, PrintWriter err) {
    this.env = env;
    this.err = err;
  }

  /**
   * Returns when the answer is one of {@code accepted}; otherwise throws a {@link CliFailure} with
   * {@code refusal}, and with {@link #NO_ANSWER_HINT} when there was no answer.
   */
  void require(String question, Set<String> accepted, String refusal) {
    err.println(question);
    err.flush();
    String line;
    try {
      line =
          new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      line = null;
    }
    if (line == null) {
      throw new CliFailure(refusal, NO_ANSWER_HINT, null);
    }
    if (!accepted.contains(line.strip())) {
      throw new CliFailure(refusal);
    }
  }
}
