package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.tollgate.http.Harness.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A full scenario with every logger at TRACE (Tollgate, Javalin, Micrometer; Jetty at INFO, see
 * below): no line, at any level, holds a token string issued during it. Also checks the lines that
 * must be there (startup, mutations, recovery warning).
 */
class LogCaptureIT {
  @Test
  void fullScenario_logsNoTokenStringAtAnyLevel() throws IOException, InterruptedException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Map<String, Level> saved = new java.util.HashMap<>();
    for (Logger logger : context.getLoggerList()) {
      saved.put(logger.getName(), logger.getLevel());
      if (logger != root) {
        logger.setLevel(null);
      }
    }
    root.setLevel(Level.TRACE);
    // Jetty's own HttpParser logs raw header fields (Authorization included) at DEBUG; the
    // composition root must keep org.eclipse.jetty at INFO whatever --log-level says, as here.
    context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    List<String> issued = new ArrayList<>();
    // port 0: the listener binds a free port itself (a port found free and bound later can be
    // taken in between)
    try (Harness h = Harness.startReal(b -> b.recoveryBind("127.0.0.1:0"))) {
      int recoveryPort = h.server.recoveryPort().orElseThrow();
      String admin = h.createOperator();
      issued.add(admin);
      Reply named =
          h.post(
              "/api/v3/configure/token/named_admin",
              "{\"token_name\":\"ci\",\"expiry_secs\":60}",
              Harness.bearerJson(admin));
      issued.add(named.field("token"));
      Reply regenerated =
          h.post("/api/v3/configure/token/admin/regenerate", null, Harness.bearer(admin));
      issued.add(regenerated.field("token"));
      h.get("/api/v3/configure/token", Harness.bearer(admin)); // the old one: 401
      h.get("/api/v3/configure/token", "Authorization", "bearer " + named.field("token"));
      h.get(
          "/api/v3/query_sql?db=_internal&q=select%20*%20from%20system.tokens&format=pretty",
          Harness.bearer(named.field("token")));
      h.delete("/api/v3/configure/token?token_name=ci", Harness.bearer(named.field("token")));
      Reply recovered =
          h.sendTo(
              "http://127.0.0.1:" + recoveryPort,
              "POST",
              "/api/v3/configure/token/admin/regenerate",
              null);
      issued.add(recovered.field("token"));
      Thread.sleep(1500); // the recovery listener closes asynchronously
    } finally {
      root.detachAppender(appender);
      for (Logger logger : context.getLoggerList()) {
        if (logger != root) {
          logger.setLevel(saved.get(logger.getName()));
        }
      }
      root.setLevel(saved.get(root.getName()));
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      lines.add(
          event.getLoggerName()
              + " "
              + event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
    assertThat(issued).hasSize(4).doesNotContainNull();
    assertThat(lines).hasSizeGreaterThan(20);
    for (String token : issued) {
      assertThat(lines).noneMatch(line -> line.contains(token));
      // not even its random part without the prefix
      String random = token.substring("apiv3_".length());
      assertThat(lines).noneMatch(line -> line.contains(random.substring(0, 24)));
    }
    assertThat(lines).anyMatch(line -> line.contains("Tollgate listening on http://127.0.0.1:"));
    assertThat(lines).anyMatch(line -> line.contains("created named admin token ci (id 1"));
    assertThat(lines).anyMatch(line -> line.contains("deleted token ci (id 1)"));
    assertThat(lines).anyMatch(line -> line.contains("RECOVERY LISTENER IS OPEN"));
    assertThat(lines)
        .anyMatch(
            line -> line.contains("io.tollgate.http.requests GET /api/v3/configure/token -> 401"));
  }
}
