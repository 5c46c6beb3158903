package io.tollgate.cli;

import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.TollgateException;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place errors become output: a single {@code error: …} line on stderr (plus, for usage
 * errors, a hint naming {@code --help}) and an exit code. Never a stack trace, never a token string
 * (picocli quotes the arguments it could not match, so anything shaped like a token is redacted
 * first) and never a terminal escape sequence or control character (a message may quote what a
 * server sent).
 */
final class ErrorHandlers {

  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  private static final Pattern TOKEN_STRING = Pattern.compile("apiv3_[A-Za-z0-9_-]+");
  static final String REDACTED = "apiv3_(redacted)";

  private ErrorHandlers() {}

  /**
   * {@code message} with every token string replaced by {@link #REDACTED}, and made printable
   * ({@link TerminalText#printable}): a message may quote a server's body or a user's argument.
   */
  static String redacted(String message) {
    return message == null
        ? null
        : TOKEN_STRING.matcher(TerminalText.printable(message)).replaceAll(REDACTED);
  }

  /** Usage errors: exit 2. */
  static final class Usage implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("error: " + redacted(ex.getMessage()));
      UnmatchedArgumentException.printSuggestions(ex, err);
      err.println(
          "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return EXIT_USAGE;
    }
  }

  /** Failures while a command runs: exit 1 (2 for a domain rule broken by the input). */
  static final class Execution implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
      PrintWriter err = cmd.getErr();
      int exitCode = EXIT_FAILURE;
      if (ex instanceof CliFailure) {
        err.println("error: " + redacted(ex.getMessage()));
        String hint = ((CliFailure) ex).hint();
        if (hint != null) {
          err.println("hint: " + redacted(hint));
        }
      } else if (ex instanceof InvalidInputException) {
        err.println("error: " + redacted(ex.getMessage()));
        exitCode = EXIT_USAGE;
      } else if (ex instanceof TollgateException) {
        err.println("error: " + redacted(ex.getMessage()));
      } else {
        String message = redacted(ex.getMessage());
        err.println(
            "error: "
                + ex.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message));
      }
      err.flush();
      return exitCode;
    }
  }
}
