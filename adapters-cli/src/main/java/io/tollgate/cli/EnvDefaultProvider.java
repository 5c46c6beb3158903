package io.tollgate.cli;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's default-value provider, reading the {@link Env} variables of an option that is not on
 * the command line from the CLI's environment (never {@code System.getenv} directly, so tests stay
 * hermetic). Boolean variables accept {@code true/false}, {@code 1/0}, {@code yes/no}, {@code
 * on/off}.
 */
final class EnvDefaultProvider implements IDefaultValueProvider {

  private final CliEnvironment env;

  EnvDefaultProvider(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    List<String> names = variables(arg);
    if (names.isEmpty()) {
      return null;
    }
    Optional<String> value = env.firstVariable(names);
    if (value.isEmpty()) {
      return null;
    }
    return isBoolean(arg) ? normalizeBoolean(value.get()) : value.get();
  }

  /** The {@link Env} variables of {@code arg}, in order; empty when it has none. */
  static List<String> variables(ArgSpec arg) {
    Object member = arg.userObject();
    if (member instanceof AnnotatedElement) {
      Env env = ((AnnotatedElement) member).getAnnotation(Env.class);
      if (env != null) {
        return List.of(env.value());
      }
    }
    return List.of();
  }

  private static boolean isBoolean(ArgSpec arg) {
    Class<?> type = arg.type();
    return arg instanceof OptionSpec && (type == boolean.class || type == Boolean.class);
  }

  private static String normalizeBoolean(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1":
      case "yes":
      case "on":
      case "true":
        return "true";
      case "0":
      case "no":
      case "off":
      case "false":
        return "false";
      default:
        return value;
    }
  }
}
