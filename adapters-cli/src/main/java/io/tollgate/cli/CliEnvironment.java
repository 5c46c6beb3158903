package io.tollgate.cli;

import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the CLI takes from the process: environment variables, stdin, stdout, stderr, whether
 * stdout is a terminal, the clock and the user's home directory. Commands reach the process only
 * through this, so tests run hermetically; {@link #system()} is the one place that touches the real
 * process.
 *
 * <p>{@link #toString()} never shows the variables: they may hold a token.
 */
public record CliEnvironment(
    Map<String, String> variables,
    InputStream stdin,
    PrintWriter out,
    PrintWriter err,
    boolean stdoutIsTerminal,
    Clock clock,
    Path userHome) {

  public CliEnvironment {
    variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(userHome, "userHome");
  }

  /** The running process: its environment, standard streams, system UTC clock and home. */
  public static CliEnvironment system() {
    Charset charset = consoleCharset();
    return new CliEnvironment(
        System.getenv(),
        new FileInputStream(FileDescriptor.in),
        writer(FileDescriptor.out, charset),
        writer(FileDescriptor.err, charset),
        stdoutIsTerminalNow(),
        Clock.systemUTC(),
        Path.of(System.getProperty("user.home")));
  }

  /** A variable's value; an empty value counts as unset. */
  public Optional<String> variable(String name) {
    String value = variables.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The first of {@code names} that is set, in the order given. */
  Optional<String> firstVariable(Iterable<String> names) {
    for (String name : names) {
      Optional<String> value = variable(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** ANSI colour only on a terminal, and never when {@code NO_COLOR} is set (non-empty). */
  boolean colour() {
    return stdoutIsTerminal && variable("NO_COLOR").isEmpty();
  }

  @Override
  public String toString() {
    return "CliEnvironment[variables="
        + variables.size()
        + " (values hidden), stdoutIsTerminal="
        + stdoutIsTerminal
        + ", clock="
        + clock
        + ", userHome="
        + userHome
        + "]";
  }

  private static PrintWriter writer(FileDescriptor descriptor, Charset charset) {
    return new PrintWriter(
        new OutputStreamWriter(new BufferedOutputStream(new FileOutputStream(descriptor)), charset),
        true);
  }

  private static Charset consoleCharset() {
    String name = System.getProperty("stdout.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /**
   * JDK 17: a console exists only when stdin and stdout are terminals. JDK 22+ may return a console
   * for redirected streams too, so ask {@code Console.isTerminal()} there.
   */
  private static boolean stdoutIsTerminalNow() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
