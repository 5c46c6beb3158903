package io.tollgate.cli;

import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.RecoveryCode;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * The Tollgate / InfluxDB 3 token API over an {@link HttpTransport}. Every failure becomes a {@link
 * CliFailure} naming the server URL (never the token): a refused connection, a timeout, or a
 * non-2xx status with the server's body (at most {@link HttpTransport#ERROR_BODY_LIMIT} bytes of
 * it).
 */
final class TokenApiClient {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final String TOKENS_QUERY = "SELECT * FROM system.tokens";

  private final ClientSettings settings;
  private final HttpTransport http;

  /**
   * A client over {@link SocketHttpTransport}. For {@code https://} the TLS context ({@code
   * --tls-no-verify}, {@code --tls-ca} or the JDK's trust store) is made here, so a bad {@code
   * --tls-ca} fails before any request; plain {@code http://} loads no TLS class at all.
   */
  TokenApiClient(ClientSettings settings) {
    this(settings, transportFor(settings));
  }

  TokenApiClient(ClientSettings settings, HttpTransport http) {
    this.settings = settings;
    this.http = http;
  }

  private static HttpTransport transportFor(ClientSettings settings) {
    SSLSocketFactory tls = null;
    if ("https".equalsIgnoreCase(settings.host().getScheme())) {
      SSLContext context;
      if (settings.tlsNoVerify()) {
        context = TlsContexts.trustingEverything();
      } else if (settings.tlsCa().isPresent()) {
        context = TlsContexts.trusting(settings.tlsCa().get());
      } else {
        context = TlsContexts.systemDefault();
      }
      tls = context.getSocketFactory();
    }
    return new SocketHttpTransport(settings.host(), tls, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  /** {@code POST /api/v3/configure/token/admin}: the new operator token string. */
  String createOperatorToken() {
    return tokenOf(send("POST", "/api/v3/configure/token/admin", null));
  }

  /** {@code POST /api/v3/configure/token/admin/regenerate}: the new operator token string. */
  String regenerateOperatorToken() {
    return tokenOf(send("POST", "/api/v3/configure/token/admin/regenerate", null));
  }

  /**
   * {@code POST /api/v3/configure/token/admin/recovery_code}: the new recovery code, {@code
   * XXXXX-XXXXX-XXXXX-XXXXX-XXXXX}.
   */
  String createRecoveryCode() {
    String body = send("POST", "/api/v3/configure/token/admin/recovery_code", null);
    Optional<String> code = CliJson.topLevelString(body, "recovery_code");
    String alphabet = "[" + RecoveryCode.ALPHABET + "]{5}";
    if (code.isPresent() && Pattern.matches(alphabet + "(-" + alphabet + "){4}", code.get())) {
      return code.get();
    }
    throw new CliFailure(
        "unexpected response from " + settings.host() + ": no recovery code in the body");
  }

  /** {@code POST /api/v3/configure/token/named_admin}: the new token string. */
  String createNamedAdminToken(String name, Optional<Long> expirySecs, Optional<String> desc) {
    String body =
        CliJson.write(
            json -> {
              json.writeStartObject();
              json.writeStringField("token_name", name);
              json.writeFieldName("expiry_secs");
              if (expirySecs.isPresent()) {
                json.writeNumber(expirySecs.get());
              } else {
                json.writeNull();
              }
              if (desc.isPresent()) {
                json.writeStringField("description", desc.get());
              }
              json.writeEndObject();
            });
    return tokenOf(send("POST", "/api/v3/configure/token/named_admin", body));
  }

  /**
   * {@code POST /api/v3/enterprise/configure/token} (InfluxDB 3 Enterprise's request, plus {@code
   * description}): the new resource token string.
   */
  String createResourceToken(
      String name, List<Permission> permissions, Optional<Long> expirySecs, Optional<String> desc) {
    String body =
        CliJson.write(
            json -> {
              json.writeStartObject();
              json.writeStringField("token_name", name);
              json.writeArrayFieldStart("permissions");
              for (Permission permission : permissions) {
                json.writeStartObject();
                json.writeStringField("resource_type", permission.resourceType());
                json.writeArrayFieldStart("resource_names");
                for (String resource : permission.resourceNames()) {
                  json.writeString(resource);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("actions");
                for (String action : permission.actions()) {
                  json.writeString(action);
                }
                json.writeEndArray();
                json.writeEndObject();
              }
              json.writeEndArray();
              if (expirySecs.isPresent()) {
                json.writeNumberField("expiry_secs", expirySecs.get());
              }
              if (desc.isPresent()) {
                json.writeStringField("description", desc.get());
              }
              json.writeEndObject();
            });
    return tokenOf(send("POST", "/api/v3/enterprise/configure/token", body));
  }

  /** {@code DELETE /api/v3/configure/token?token_name=NAME}. */
  void deleteToken(String name) {
    send("DELETE", "/api/v3/configure/token?token_name=" + encode(name), null);
  }

  /** {@code PATCH /api/v3/configure/token?token_name=NAME} with the fields to change. */
  void updateToken(String name, Optional<String> description, Optional<String> status) {
    String body =
        CliJson.write(
            json -> {
              json.writeStartObject();
              if (description.isPresent()) {
                json.writeStringField("description", description.get());
              }
              if (status.isPresent()) {
                json.writeStringField("status", status.get());
              }
              json.writeEndObject();
            });
    send("PATCH", "/api/v3/configure/token?token_name=" + encode(name), body);
  }

  /** {@code GET /api/v3/query_sql} on {@code system.tokens}: the body exactly as returned. */
  String showTokens(String format) {
    return send(
        "GET",
        "/api/v3/query_sql?db=_internal&q=" + encode(TOKENS_QUERY) + "&format=" + encode(format),
        null);
  }

  /**
   * {@code GET /api/v3/configure/token/audit}: the audit entries as the server's JSON array.
   *
   * @param since an RFC 3339 time, or null
   * @param action an action name, or null
   * @param limit 1 to 10,000, or null for the server's default
   */
  String showAudit(String since, String action, Integer limit) {
    StringBuilder query = new StringBuilder();
    if (since != null) {
      query.append("&since=").append(encode(since));
    }
    if (action != null) {
      query.append("&action=").append(encode(action));
    }
    if (limit != null) {
      query.append("&limit=").append(limit);
    }
    String path = "/api/v3/configure/token/audit";
    return send("GET", query.length() == 0 ? path : path + "?" + query.substring(1), null);
  }

  private String tokenOf(String body) {
    Optional<String> token = CliJson.topLevelString(body, "token");
    if (token.isPresent() && !token.get().isEmpty()) {
      return token.get();
    }
    throw new CliFailure("unexpected response from " + settings.host() + ": no token in the body");
  }

  private String send(String method, String pathAndQuery, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (settings.token().isPresent()) {
      headers.put("Authorization", "Bearer " + settings.token().get());
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    HttpTransport.Reply reply;
    try {
      reply = http.exchange(method, pathAndQuery, headers, body);
    } catch (IOException e) {
      throw networkFailure(e);
    }
    int status = reply.status();
    if (status < 200 || status > 299) {
      // the transport reads at most HttpTransport.ERROR_BODY_LIMIT bytes of an error body
      ErrorBody errorBody =
          reply.complete()
              ? ErrorBody.of(reply.body())
              : new ErrorBody(reply.body(), reply.declaredLength(), false);
      throw CliFailure.serverResponded(
          settings.host(), status, errorBody, settings.token().isPresent());
    }
    return reply.body();
  }

  private CliFailure networkFailure(IOException e) {
    String where = "could not connect to " + settings.host() + ": ";
    if (e instanceof HttpTransport.ConnectTimeout) {
      return new CliFailure(where + "connection timed out after " + seconds(CONNECT_TIMEOUT));
    }
    if (e instanceof HttpTransport.ResponseTimeout) {
      return new CliFailure(
          "no response from " + settings.host() + " within " + seconds(REQUEST_TIMEOUT));
    }
    if (e instanceof ProtocolException || e instanceof EOFException) {
      return new CliFailure("invalid response from " + settings.host() + ": " + message(e));
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return new CliFailure(where + "unknown host " + settings.host().getHost());
      }
      if (t instanceof SSLException) {
        return new CliFailure(
            "TLS handshake with " + settings.host() + " failed: " + message(t),
            "use --tls-ca FILE to trust the server's CA, or https only if the server has TLS",
            null);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        String m = t.getMessage();
        boolean refused = m == null || m.toLowerCase(Locale.ROOT).contains("refused");
        return new CliFailure(where + (refused ? "connection refused" : m));
      }
    }
    return new CliFailure(where + message(e));
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
