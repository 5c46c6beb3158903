package io.tollgate.http;

import io.javalin.http.Context;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.port.out.AuditLog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code GET /api/v3/configure/token/audit?since=RFC3339&limit=N&action=A} (SPEC section 10): the
 * audit entries, newest first, as a JSON array ({@link AuditJson}); {@code limit} defaults to
 * {@value AuditQuery#DEFAULT_LIMIT}. What a query may ask is core's ({@link AuditQuery}); this
 * class only reads the parameters. Admin tokens only (the route table says so).
 */
final class AuditRoutes {
  static final String AUDIT = "/api/v3/configure/token/audit";

  private final AuditLog auditLog;

  AuditRoutes(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  void list(Context ctx) {
    QueryParams params = QueryParams.parse(ctx.queryString());
    Optional<Instant> since = params.single("since").map(AuditRoutes::since);
    int limit = params.single("limit").map(AuditRoutes::limit).orElse(AuditQuery.DEFAULT_LIMIT);
    Optional<String> action = params.single("action");
    AuditQuery query = new AuditQuery(since, action, limit);
    Responses.json(ctx, 200, AuditJson.array(auditLog.find(query)));
  }

  private static Instant since(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw HttpFailure.badRequest(
          "invalid since '"
              + shortened(text)
              + "': expected an RFC 3339 time such as 2025-04-18T14:02:45Z");
    }
  }

  private static int limit(String text) {
    if (!text.matches("[0-9]{1,9}")) {
      throw HttpFailure.badRequest(
          "invalid limit '"
              + shortened(text)
              + "': expected a whole number from 1 to "
              + AuditQuery.MAX_LIMIT);
    }
    return Integer.parseInt(text);
  }

  private static String shortened(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }
}
