package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tollgate.http.Harness.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * {@code --access-log} on a real server with every logger at TRACE (Jetty at INFO, as the
 * composition root keeps it): one line per request with the client address, method, path without
 * the query, status, duration, token id and request id; and no line at any level holds an issued
 * token, not even one sent in the query or the path.
 */
class AccessLogIT {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<String, Level> saved = new HashMap<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void everyLoggerAtTrace() {
    for (Logger logger : context.getLoggerList()) {
      saved.put(logger.getName(), logger.getLevel());
      if (logger != root) {
        logger.setLevel(null);
      }
    }
    root.setLevel(Level.TRACE);
    context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void restoreLevels() {
    root.detachAppender(appender);
    for (Logger logger : context.getLoggerList()) {
      logger.setLevel(saved.get(logger.getName()));
    }
  }

  private List<ILoggingEvent> accessLines() {
    synchronized (appender) {
      return appender.list.stream()
          .filter(event -> event.getLoggerName().equals(AccessLog.LOGGER))
          .toList();
    }
  }

  private static Map<String, String> fields(ILoggingEvent event) {
    Map<String, String> fields = new HashMap<>();
    if (event.getKeyValuePairs() == null) {
      return fields;
    }
    for (KeyValuePair pair : event.getKeyValuePairs()) {
      fields.put(pair.key, String.valueOf(pair.value));
    }
    return fields;
  }

  @Test
  void accessLog_oneLinePerRequest_withItsFields_andNoTokenAnywhere() throws InterruptedException {
    List<String> issued = new ArrayList<>();
    try (Harness h = Harness.startReal(b -> b.accessLog(true))) {
      String admin = h.createOperator();
      issued.add(admin);
      Reply named =
          h.post(
              "/api/v3/configure/token/named_admin",
              "{\"token_name\":\"ci\"}",
              Harness.bearerJson(admin));
      issued.add(named.field("token"));
      h.get(
          "/api/v3/configure/token", "Authorization", "Bearer " + admin, "X-Request-Id", "req-42");
      h.get("/health?token=" + admin + "&api_key=" + named.field("token"));
      h.get("/" + named.field("token") + "/x", Harness.bearer(admin));
      h.get("/api/v3/configure/token", "X-Request-Id", "Bearer " + admin);
      Thread.sleep(200); // the request log runs after the response is sent
    }
    List<ILoggingEvent> access = accessLines();
    assertThat(access).hasSize(6);
    assertThat(access).allMatch(event -> event.getLevel() == Level.INFO);

    Map<String, String> listed = fields(access.get(2));
    assertThat(listed)
        .containsEntry("client", "127.0.0.1")
        .containsEntry("method", "GET")
        .containsEntry("path", "/api/v3/configure/token")
        .containsEntry("status", "200")
        .containsEntry("token_id", "0")
        .containsEntry("request_id", "req-42");
    assertThat(Double.parseDouble(listed.get("duration_ms"))).isBetween(0.0, 10_000.0);
    assertThat(access.get(2).getFormattedMessage())
        .matches(
            "client=127\\.0\\.0\\.1 method=GET path=/api/v3/configure/token status=200"
                + " duration_ms=\\d+\\.\\d{3} token_id=0 request_id=req-42");
    assertThat(fields(access.get(0)))
        .containsEntry("path", "/api/v3/configure/token/admin")
        .containsEntry("status", "201")
        .containsEntry("token_id", "-")
        .containsEntry("request_id", "-");
    assertThat(fields(access.get(3)))
        .containsEntry("path", "/health")
        .containsEntry("status", "401")
        .containsEntry("token_id", "-");
    assertThat(fields(access.get(4))).containsEntry("path", "/apiv3_…/x");
    assertThat(fields(access.get(5))).containsEntry("request_id", "-");

    List<String> everyLine = new ArrayList<>();
    synchronized (appender) {
      for (ILoggingEvent event : appender.list) {
        everyLine.add(
            event.getLoggerName() + " " + event.getFormattedMessage() + " " + fields(event));
      }
    }
    assertThat(everyLine).hasSizeGreaterThan(6);
    for (String token : issued) {
      String random = token.substring("apiv3_".length(), "apiv3_".length() + 24);
      assertThat(everyLine).noneMatch(line -> line.contains(random));
    }
  }

  @Test
  void withoutTheOption_noAccessLine() {
    try (Harness h = Harness.startReal(b -> b)) {
      h.get("/health");
    }
    assertThat(accessLines()).isEmpty();
  }
}
