package io.tollgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token API of InfluxDB 3 Core plus Tollgate's listing, each endpoint a method. Authentication
 * happens before these run ({@link PipelineFilter}); the handlers only translate HTTP into use
 * cases.
 */
final class TokenRoutes {
  static final String TOKEN_PREFIX = "/api/v3/configure/token";
  static final String CREATE_ADMIN = TOKEN_PREFIX + "/admin";
  static final String REGENERATE = TOKEN_PREFIX + "/admin/regenerate";
  static final String NAMED_ADMIN = TOKEN_PREFIX + "/named_admin";
  static final String RECOVERY_CODE = TOKEN_PREFIX + "/admin/recovery_code";
  static final String TOKEN = TOKEN_PREFIX;
  static final String RESOURCE_TOKEN = "/api/v3/enterprise/configure/token";
  static final List<String> TOKEN_API_PREFIXES = List.of(TOKEN_PREFIX, RESOURCE_TOKEN);
  static final String QUERY_SQL = "/api/v3/query_sql";

  static final String UNSUPPORTED_MEDIA_TYPE =
      "unacceptable content-type, expected: application/json";

  private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);

  private final TokenAuthority authority;
  private final Optional<RecoveryCodeUseCase> recoveryCodes;
  private final TokenJson json = new TokenJson();
  private final StrictJson strictJson = new StrictJson();

  TokenRoutes(TokenAuthority authority, Optional<RecoveryCodeUseCase> recoveryCodes) {
    this.authority = authority;
    this.recoveryCodes = recoveryCodes;
  }

  void createOperatorToken(Context ctx) {
    IssuedToken issued = authority.createOperatorToken(RequestOrigins.of(ctx));
    LOG.info("created operator token {} (id {})", issued.token().name(), issued.token().id());
    Responses.json(ctx, 201, json.tokenObject(issued));
  }

  void regenerateOperatorToken(Context ctx) {
    Principal principal = Principal.of(ctx);
    IssuedToken issued =
        authority.regenerateOperatorToken(principal.presented(), RequestOrigins.of(ctx));
    LOG.info(
        "regenerated operator token {} (id {}) on the authority of token {} ({})",
        issued.token().name(),
        issued.token().id(),
        principal.token().id(),
        principal.token().name());
    Responses.json(ctx, 201, json.tokenObject(issued));
  }

  void createNamedAdminToken(Context ctx) {
    Principal principal = Principal.of(ctx);
    requireJsonContentType(ctx);
    ObjectNode body = strictJson.object(RequestBody.of(ctx), "CreateNamedAdminTokenRequest");
    String name = StrictJson.requiredString(body, "token_name");
    Lifetime lifetime = lifetime(body);
    Description description =
        StrictJson.optionalString(body, "description").map(TokenRoutes::description).orElse(null);
    CreateNamedAdminTokenCommand command =
        new CreateNamedAdminTokenCommand(
            TokenName.named(name), lifetime, description, principal.actor(ctx));
    IssuedToken issued;
    try {
      issued = authority.createNamedAdminToken(command);
    } catch (InvalidExpiryException e) {
      throw StrictJson.failure(e.getMessage());
    }
    LOG.info(
        "created named admin token {} (id {}, expiry {}) by token {}",
        issued.token().name(),
        issued.token().id(),
        issued.token().expiry(),
        principal.token().id());
    Responses.json(ctx, 201, json.tokenObject(issued));
  }

  /**
   * {@code POST /api/v3/enterprise/configure/token}: a resource token, InfluxDB 3 Enterprise's
   * request ({@code token_name}, {@code permissions}, {@code expiry_secs}) plus {@code
   * description}.
   */
  void createResourceToken(Context ctx) {
    Principal principal = Principal.of(ctx);
    requireJsonContentType(ctx);
    ObjectNode body = strictJson.object(RequestBody.of(ctx), "CreateResourceTokenRequest");
    String name = StrictJson.requiredString(body, "token_name");
    Permissions permissions = PermissionsJson.read(body);
    Lifetime lifetime = lifetime(body);
    Description description =
        StrictJson.optionalString(body, "description").map(TokenRoutes::description).orElse(null);
    CreateResourceTokenCommand command =
        new CreateResourceTokenCommand(
            TokenName.named(name), permissions, lifetime, description, principal.actor(ctx));
    IssuedToken issued;
    try {
      issued = authority.createResourceToken(command);
    } catch (InvalidExpiryException e) {
      throw StrictJson.failure(e.getMessage());
    }
    LOG.info(
        "created resource token {} (id {}, permissions {}, expiry {}) by token {}",
        issued.token().name(),
        issued.token().id(),
        issued.token().permissions().text(),
        issued.token().expiry(),
        principal.token().id());
    Responses.json(ctx, 201, json.tokenObject(issued));
  }

  private static Lifetime lifetime(ObjectNode body) {
    try {
      return Lifetime.ofNullableSeconds(
          StrictJson.optionalUnsigned(body, "expiry_secs").orElse(null));
    } catch (InvalidExpiryException e) {
      throw StrictJson.failure(e.getMessage());
    }
  }

  void deleteToken(Context ctx) {
    Principal principal = Principal.of(ctx);
    String name = QueryParams.parse(ctx.queryString()).required("token_name");
    Token deleted = authority.deleteToken(TokenName.of(name), principal.actor(ctx));
    LOG.info(
        "deleted token {} (id {}) by token {}",
        deleted.name(),
        deleted.id(),
        principal.token().id());
    Responses.empty(ctx, 200);
  }

  /**
   * {@code PATCH /api/v3/configure/token?token_name=NAME} with {@code {"description": …, "status":
   * …}}: changes only the fields given (absent or null leaves a field as it is); 200 with the token
   * row.
   */
  void updateToken(Context ctx) {
    Principal principal = Principal.of(ctx);
    String name = QueryParams.parse(ctx.queryString()).required("token_name");
    requireJsonContentType(ctx);
    ObjectNode body = strictJson.object(RequestBody.of(ctx), "UpdateTokenRequest");
    Optional<Description> description =
        StrictJson.optionalString(body, "description").map(TokenRoutes::description);
    Optional<TokenStatus> status =
        StrictJson.optionalString(body, "status").map(TokenRoutes::status);
    if (description.isEmpty() && status.isEmpty()) {
      throw StrictJson.failure("nothing to update: give `description` and/or `status`");
    }
    Token updated =
        authority.updateToken(
            new UpdateTokenCommand(TokenName.of(name), description, status, principal.actor(ctx)));
    LOG.info(
        "updated token {} (id {}, status {}) by token {}",
        updated.name(),
        updated.id(),
        updated.status().wireName(),
        principal.token().id());
    Responses.json(ctx, 200, json.row(TokenRow.of(updated)));
  }

  /**
   * {@code POST …/admin/recovery_code}: a new one-time recovery code, replacing any earlier one.
   */
  void issueRecoveryCode(Context ctx) {
    Principal principal = Principal.of(ctx);
    try (RecoveryCode code =
        recoveryCodes
            .orElseThrow()
            .issueRecoveryCodeAs(principal.token(), RequestOrigins.of(ctx))) {
      LOG.info("issued a recovery code by token {}", principal.token().id());
      Responses.json(ctx, 201, json.recoveryCode(code));
    }
  }

  private static Description description(String text) {
    try {
      return Description.of(text);
    } catch (InvalidInputException e) {
      throw StrictJson.failure(e.getMessage());
    }
  }

  private static TokenStatus status(String wireName) {
    try {
      return TokenStatus.fromWireName(wireName);
    } catch (InvalidInputException e) {
      throw StrictJson.failure(e.getMessage());
    }
  }

  void listTokens(Context ctx) {
    Responses.json(ctx, 200, json.rowsArray(rows()));
  }

  void querySqlGet(Context ctx) {
    QueryParams params = QueryParams.parse(ctx.queryString());
    String db = params.required("db");
    String query = params.required("q");
    String format = params.single("format").orElse(null);
    answerQuery(ctx, db, query, format, "serde error: ");
  }

  void querySqlPost(Context ctx) {
    ObjectNode body = strictJson.object(RequestBody.of(ctx), "QueryRequest");
    String db = StrictJson.requiredString(body, "db");
    String query = StrictJson.requiredString(body, "q");
    String format = StrictJson.optionalString(body, "format").orElse(null);
    answerQuery(ctx, db, query, format, StrictJson.PREFIX);
  }

  private void answerQuery(Context ctx, String db, String query, String format, String prefix) {
    RowFormat rowFormat = RowFormat.JSON;
    if (format != null) {
      rowFormat =
          RowFormat.fromWireName(format)
              .orElseThrow(
                  () ->
                      HttpFailure.badRequest(
                          prefix
                              + "unknown variant for field `format`, expected one of `json`,"
                              + " `jsonl`, `csv`, `pretty`"));
    }
    if (!"_internal".equals(db)) {
      throw HttpFailure.badRequest(
          "database not found: only the _internal database is served by Tollgate");
    }
    TokensQuery parsed = TokensQuery.parse(query);
    Responses.bytes(
        ctx,
        200,
        rowFormat.contentType(),
        rowFormat.render(parsed.answer(rows()), parsed.columns(), json));
  }

  private List<TokenRow> rows() {
    return authority.listTokens().stream().map(TokenRow::of).toList();
  }

  private static void requireJsonContentType(Context ctx) {
    String contentType = ctx.header("Content-Type");
    if (contentType == null) {
      throw HttpFailure.plain(415, UNSUPPORTED_MEDIA_TYPE);
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw HttpFailure.plain(415, UNSUPPORTED_MEDIA_TYPE);
    }
  }
}
