package io.tollgate.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the process (at the configured levels) while it is open. */
final class CapturedLog implements AutoCloseable {
  private final Logger root;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  /** Each event as {@code LEVEL logger message}, followed by its stack trace if it has one. */
  List<String> lines() {
    synchronized (appender) {
      return List.copyOf(appender.list).stream()
          .map(
              event ->
                  event.getLevel()
                      + " "
                      + event.getLoggerName()
                      + " "
                      + event.getFormattedMessage()
                      + (event.getThrowableProxy() == null
                          ? ""
                          : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
          .toList();
    }
  }

  /** The lines not written by the per-request DEBUG logger. */
  List<String> linesBesidesRequests() {
    return lines().stream().filter(line -> !line.contains(" io.tollgate.http.requests ")).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
