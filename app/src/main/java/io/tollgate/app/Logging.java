package io.tollgate.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.tollgate.cli.LogFormat;
import io.tollgate.cli.LogLevel;
import org.slf4j.LoggerFactory;

/**
 * Log levels. Commands other than {@code serve} log only warnings (the configuration's default, see
 * {@link LogbackSetup}; they leave logback uninitialised unless something logs); {@code serve} logs
 * at its {@code --log-level}. Jetty never goes below INFO: at DEBUG it logs request headers, tokens
 * included. {@code --log-format json} gives the stderr appender logback's {@link JsonEncoder} (one
 * object per line); {@code --access-log} keeps the access logger at INFO whatever the level.
 */
final class Logging {

  private static final String[] NEVER_BELOW_INFO = {"org.eclipse.jetty", "io.javalin"};
  static final String ACCESS_LOGGER = "io.tollgate.http.access";

  private Logging() {}

  static void configureForServer(LogLevel level, LogFormat format, boolean accessLog) {
    setRootLevel(Level.toLevel(level.toString(), Level.INFO));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger(ACCESS_LOGGER).setLevel(accessLog ? Level.INFO : null);
    if (format == LogFormat.JSON) {
      useJson(context);
    }
  }

  /**
   * Gives the stderr appender of {@link LogbackSetup} the JSON encoder: the time, level, thread,
   * logger, the formatted message (the same text as the text format, so no raw argument reaches the
   * log that the text format would not show), key-value pairs and any exception. A configuration of
   * the user's own ({@code -Dlogback.configurationFile}) is left alone.
   */
  private static void useJson(LoggerContext context) {
    Appender<ILoggingEvent> appender =
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogbackSetup.APPENDER);
    if (!(appender instanceof OutputStreamAppender<ILoggingEvent> stderr)) {
      return;
    }
    JsonEncoder json = new JsonEncoder();
    json.setContext(context);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    json.start();
    stderr.stop();
    stderr.setEncoder(json);
    stderr.start();
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
