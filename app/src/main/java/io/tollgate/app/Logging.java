package io.tollgate.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.tollgate.cli.LogLevel;
import org.slf4j.LoggerFactory;

/**
 * Log levels. Commands other than {@code serve} log only warnings (the configuration's default, see
 * {@link LogbackSetup}; they leave logback uninitialised unless something logs); {@code serve} logs
 * at its {@code --log-level}. Jetty never goes below INFO: at DEBUG it logs request headers, tokens
 * included.
 */
final class Logging {

  private static final String[] NEVER_BELOW_INFO = {"org.eclipse.jetty", "io.javalin"};

  private Logging() {}

  static void configureForServer(LogLevel level) {
    setRootLevel(Level.toLevel(level.toString(), Level.INFO));
  }

  private static void setRootLevel(Level level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
    Level frameworks = level.isGreaterOrEqual(Level.INFO) ? Level.WARN : Level.INFO;
    for (String name : NEVER_BELOW_INFO) {
      context.getLogger(name).setLevel(frameworks);
    }
  }
}
