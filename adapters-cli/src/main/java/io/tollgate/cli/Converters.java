package io.tollgate.cli;

import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.failure.FailureLimit;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for values validated at the edge; each failure is a usage error. */
final class Converters {

  private Converters() {}

  /** {@code host:port} with a port 0 to 65535. */
  static final class Bind implements ITypeConverter<BindAddress> {
    @Override
    public BindAddress convert(String value) {
      try {
        return BindAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --store}: a PostgreSQL URL; the message never repeats the value (a password). */
  static final class StoreUrls implements ITypeConverter<StoreUrl> {
    @Override
    public StoreUrl convert(String value) {
      try {
        return new StoreUrl(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --max-staleness}: a duration of at least one second, e.g. {@code 10s} or {@code 1m}. */
  static final class Staleness implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration of at least 1s, e.g. 10s, 2s or 1m");
      }
    }
  }

  /**
   * {@code --last-used-interval}: a duration of at least one second, or {@code off} / {@code 0}.
   */
  static final class LastUsedIntervals implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      String text = value.strip();
      if (text.equals("off") || text.equals("0")) {
        return java.time.Duration.ZERO;
      }
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new TypeConversionException(
            "'"
                + TerminalText.printable(value)
                + "' is not a duration of at least 1s (e.g. 60s, 5m) or off");
      }
    }
  }

  /** {@code --auth-failure-limit}: {@code N/WINDOW} such as {@code 20/1m}, or {@code 0}. */
  static final class FailureLimits implements ITypeConverter<FailureLimit> {
    @Override
    public FailureLimit convert(String value) {
      try {
        return FailureLimit.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A browser origin, {@code scheme://host[:port]} with no path, query or user part, in lower case;
   * or {@code *}.
   */
  static final class CorsOrigin implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String text = value.trim();
      if (text.equals("*")) {
        return text;
      }
      URI uri;
      try {
        uri = new URI(text.toLowerCase(Locale.ROOT));
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null
          || uri.getScheme() == null
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || !uri.getRawPath().isEmpty()
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new TypeConversionException(
            "invalid origin '"
                + text
                + "': expected scheme://host[:port] with no path, such as"
                + " https://console.example.com or http://localhost:3000, or *");
      }
      return uri.toString();
    }
  }

  /** An absolute {@code http} or {@code https} URL with a host; a trailing slash is dropped. */
  static final class HostUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI uri;
      try {
        uri = new URI(value.trim());
      } catch (URISyntaxException e) {
        throw invalid(value);
      }
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw invalid(value);
      }
      String text = uri.toString();
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      return URI.create(text);
    }

    private static TypeConversionException invalid(String value) {
      return new TypeConversionException(
          "invalid host URL \""
              + value
              + "\": expected http://HOST:PORT or https://HOST:PORT, e.g. http://127.0.0.1:8181");
    }
  }

  /**
   * A permission, {@code TYPE:NAMES:ACTIONS}, read by core's {@link Permission#parse(String)}:
   * spaces, empty segments or extra colons are usage errors. Whether the server knows the type is
   * the server's business.
   */
  static final class PermissionText implements ITypeConverter<Permission> {
    @Override
    public Permission convert(String value) {
      try {
        return Permission.parse(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(
            "invalid permission '" + shown(value) + "': " + e.getMessage());
      }
    }
  }

  /**
   * A resource type for {@code serve --resource-type NAME=ACTION,ACTION}: any resource name, the
   * actions listed; core's rules for the words, and the built-in {@code db} and {@code system}
   * cannot be redefined.
   */
  static final class ResourceTypeDeclaration implements ITypeConverter<ResourceType> {
    @Override
    public ResourceType convert(String value) {
      int equals = value.indexOf('=');
      if (equals < 0) {
        throw new TypeConversionException(
            "invalid resource type '"
                + shown(value)
                + "': expected NAME=ACTION,ACTION, e.g. orders=read,write");
      }
      String name = value.substring(0, equals);
      String actions = value.substring(equals + 1);
      if (actions.isEmpty()) {
        throw new TypeConversionException(
            "invalid resource type '" + shown(value) + "': no actions after '='");
      }
      ResourceType type;
      try {
        type = new ResourceType(name, List.of(), Arrays.asList(actions.split(",", -1)));
      } catch (InvalidInputException e) {
        throw new TypeConversionException(
            "invalid resource type '" + shown(value) + "': " + e.getMessage());
      }
      if (ResourceTypes.builtIn().find(type.name()).isPresent()) {
        throw new TypeConversionException(
            "resource type " + type.name() + " is built in and cannot be redefined");
      }
      return type;
    }
  }

  /** {@code value} for a message, or its length when it is long or not printable ASCII. */
  private static String shown(String value) {
    return value.matches("[\\x20-\\x7e]{1,100}") ? value : "(" + value.length() + " characters)";
  }

  /** An enum by case-insensitive name; errors list the values in lower case. */
  abstract static class LowerCaseEnum<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    LowerCaseEnum(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(value.trim())) {
          return constant;
        }
      }
      StringJoiner names = new StringJoiner(", ");
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new TypeConversionException("expected one of " + names + " but was '" + value + "'");
    }
  }

  static final class ExemptEndpoints extends LowerCaseEnum<ExemptEndpoint> {
    ExemptEndpoints() {
      super(ExemptEndpoint.class);
    }
  }

  /**
   * A level, or an {@code influxdb3} filter directive ({@code LOG_FILTER}, e.g. {@code
   * info,iox_query::query_log=warn}): its first bare level is the level; per-target parts are
   * ignored, as Tollgate has one root level.
   */
  static final class LogLevels extends LowerCaseEnum<LogLevel> {
    LogLevels() {
      super(LogLevel.class);
    }

    @Override
    public LogLevel convert(String value) {
      if (value.indexOf(',') < 0 && value.indexOf('=') < 0) {
        return super.convert(value);
      }
      for (String part : value.split(",")) {
        if (!part.isBlank() && part.indexOf('=') < 0) {
          return super.convert(part);
        }
      }
      throw new TypeConversionException(
          "the filter directive '" + shown(value) + "' names no level such as info or debug");
    }
  }

  static final class LogFormats extends LowerCaseEnum<LogFormat> {
    LogFormats() {
      super(LogFormat.class);
    }
  }

  static final class TokenFormats extends LowerCaseEnum<TokenOutputFormat> {
    TokenFormats() {
      super(TokenOutputFormat.class);
    }
  }

  static final class AuditFormats extends LowerCaseEnum<ShowAuditCommand.Format> {
    AuditFormats() {
      super(ShowAuditCommand.Format.class);
    }
  }

  static final class QueryFormats extends LowerCaseEnum<ShowTokensCommand.Format> {
    QueryFormats() {
      super(ShowTokensCommand.Format.class);
    }
  }

  /** A path; a leading {@code ~/} is left for {@link #expandHome}. */
  static Path expandHome(String value, Path home) {
    if (value.equals("~")) {
      return home;
    }
    if (value.startsWith("~/")) {
      return home.resolve(value.substring(2));
    }
    return Path.of(value);
  }
}
