package io.tollgate.cli;

import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.RecoveryCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The Tollgate / InfluxDB 3 token API over {@code java.net.http}. Every failure becomes a {@link
 * CliFailure} naming the server URL (never the token): a refused connection, a timeout, or a
 * non-2xx status with the server's body.
 */
final class TokenApiClient {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final String TOKENS_QUERY = "SELECT * FROM system.tokens";
  private static final java.util.regex.Pattern RECOVERY_CODE =
      java.util.regex.Pattern.compile(
          "[" + RecoveryCode.ALPHABET + "]{5}(-[" + RecoveryCode.ALPHABET + "]{5}){4}");

  private final ClientSettings settings;
  private final HttpClient http;

  TokenApiClient(ClientSettings settings) {
    this.settings = settings;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER);
    if ("https".equalsIgnoreCase(settings.host().getScheme())) {
      if (settings.tlsNoVerify()) {
        builder.sslContext(TlsContexts.trustingEverything());
      } else {
        settings.tlsCa().ifPresent(ca -> builder.sslContext(TlsContexts.trusting(ca)));
      }
    } else {
      // Plain http: without these the client builds the default SSLContext anyway (loading the
      // JDK's CA certificates), about a tenth of a second of every CLI call, for nothing.
      builder.sslContext(TlsContexts.unusedForPlainHttp()).sslParameters(new SSLParameters());
    }
    this.http = builder.build();
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
    if (code.isPresent() && RECOVERY_CODE.matcher(code.get()).matches()) {
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

  private String tokenOf(String body) {
    Optional<String> token = CliJson.topLevelString(body, "token");
    if (token.isPresent() && !token.get().isEmpty()) {
      return token.get();
    }
    throw new CliFailure("unexpected response from " + settings.host() + ": no token in the body");
  }

  private String send(String method, String pathAndQuery, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(settings.host() + pathAndQuery))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while waiting for " + settings.host());
    } catch (IOException e) {
      throw networkFailure(e);
    }
    int status = response.statusCode();
    try (InputStream in = response.body()) {
      if (status < 200 || status > 299) {
        // bounded: a huge error body is neither held in memory nor printed whole
        ErrorBody errorBody =
            ErrorBody.read(in, response.headers().firstValueAsLong("Content-Length"));
        throw CliFailure.serverResponded(
            settings.host(), status, errorBody, settings.token().isPresent());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw networkFailure(e);
    }
  }

  private CliFailure networkFailure(IOException e) {
    String where = "could not connect to " + settings.host() + ": ";
    if (e instanceof HttpConnectTimeoutException) {
      return new CliFailure(where + "connection timed out after " + seconds(CONNECT_TIMEOUT));
    }
    if (e instanceof HttpTimeoutException) {
      return new CliFailure(
          "no response from " + settings.host() + " within " + seconds(REQUEST_TIMEOUT));
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
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
