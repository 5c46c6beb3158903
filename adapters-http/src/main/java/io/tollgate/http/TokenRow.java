package io.tollgate.http;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import java.util.List;
import java.util.function.Function;

/**
 * One line of a token listing ({@code GET /api/v3/configure/token} and {@code system.tokens}): the
 * first nine hex characters of the hash, never the token string. InfluxDB's columns end with {@code
 * status}; Tollgate's {@code last_used_at} (when the token last authenticated, absent for never,
 * SPEC section 10) follows it.
 */
record TokenRow(
    long tokenId,
    String name,
    String hash,
    String createdAt,
    String description,
    Long createdByTokenId,
    String updatedAt,
    Long updatedByTokenId,
    String expiry,
    String permissions,
    String status,
    String lastUsedAt) {

  /**
   * A column: its wire name, how to read it (null for an absent value) and what the pretty format
   * shows for an absent value.
   */
  record Column(String name, Function<TokenRow, Object> reader, String prettyWhenAbsent) {
    Column(String name, Function<TokenRow, Object> reader) {
      this(name, reader, "");
    }

    Object value(TokenRow row) {
      return reader.apply(row);
    }
  }

  /** What the pretty format shows for a token that never authenticated. */
  static final String NEVER_USED = "never";

  static final List<Column> COLUMNS =
      List.of(
          new Column("token_id", TokenRow::tokenId),
          new Column("name", TokenRow::name),
          new Column("hash", TokenRow::hash),
          new Column("created_at", TokenRow::createdAt),
          new Column("description", TokenRow::description),
          new Column("created_by_token_id", TokenRow::createdByTokenId),
          new Column("updated_at", TokenRow::updatedAt),
          new Column("updated_by_token_id", TokenRow::updatedByTokenId),
          new Column("expiry", TokenRow::expiry),
          new Column("permissions", TokenRow::permissions),
          new Column("status", TokenRow::status),
          new Column("last_used_at", TokenRow::lastUsedAt, NEVER_USED));

  static TokenRow of(Token token) {
    return new TokenRow(
        token.id().value(),
        token.name().value(),
        token.hash().shortHex(),
        TokenJson.timestamp(token.createdAt()),
        token.descriptionOptional().map(Description::value).orElse(null),
        idOrNull(token.createdBy()),
        token.updatedAt() == null ? null : TokenJson.timestamp(token.updatedAt()),
        idOrNull(token.updatedBy()),
        token.expiry().asInstant().map(TokenJson::timestamp).orElse(null),
        token.permissions().text(),
        token.status().wireName(),
        token.lastUsedAt() == null ? null : TokenJson.timestamp(token.lastUsedAt()));
  }

  private static Long idOrNull(TokenId id) {
    return id == null ? null : id.value();
  }
}
