package io.tollgate.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.RequestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Audit entries as JSON, field by field so the shape is fixed: {@code at, action, actor,
 * actor_token_id, token_name, client_address, method, path, request_id, credential_fp, count}, in
 * that order, null fields omitted; times RFC 3339 UTC with milliseconds. The same object is one
 * element of {@code GET /api/v3/configure/token/audit} and one line of {@code --audit-log}. An
 * entry holds no secret, so neither does this.
 */
final class AuditJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private AuditJson() {}

  /** A JSON array of {@code entries}, in their order. */
  static byte[] array(List<AuditEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + entries.size() * 160);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (AuditEntry entry : entries) {
        write(json, entry);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  /** {@code entries} as JSON lines: one object and a {@code \n} each. */
  static byte[] lines(List<AuditEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 200);
    for (AuditEntry entry : entries) {
      try (JsonGenerator json = FACTORY.createGenerator(out)) {
        write(json, entry);
      } catch (IOException e) {
        throw new UncheckedIOException("writing JSON to memory failed", e);
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, AuditEntry entry) throws IOException {
    json.writeStartObject();
    json.writeStringField("at", TokenJson.timestamp(entry.at()));
    json.writeStringField("action", entry.action());
    json.writeStringField("actor", entry.actor().label());
    if (entry.actor().tokenId() != null) {
      json.writeNumberField("actor_token_id", entry.actor().tokenId().value());
    }
    optional(json, "token_name", entry.tokenName());
    RequestOrigin origin = entry.origin();
    if (origin != null) {
      json.writeStringField("client_address", origin.clientAddress());
      json.writeStringField("method", origin.method());
      json.writeStringField("path", origin.path());
      optional(json, "request_id", origin.requestId());
    }
    optional(json, "credential_fp", entry.credentialFp());
    json.writeNumberField("count", entry.count());
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
