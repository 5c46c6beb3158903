package io.tollgate.postgres;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store lives, parsed from {@code postgresql://USER[:PASS]@HOST[:PORT]/DB[?k=v]}
 * (also {@code postgres://}) or {@code jdbc:postgresql://HOST[:PORT]/DB[?user=U&password=P&k=v]}.
 * Several {@code HOST[:PORT]} may be given, separated by commas, as both libpq and pgjdbc allow.
 * The password is kept apart from everything printable: {@link #toString()}, {@link #redacted()}
 * and every parse error leave it out, and the JDBC URL handed to the driver never carries it.
 */
final class PostgresUrl {

  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
  private static final String ACCEPTED_FORMS =
      "expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE or"
          + " jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER";
  static final int DEFAULT_PORT = 5432;

  /** The spellings of the application-name parameter, in lower case. */
  private static final Set<String> APPLICATION_NAME = Set.of("applicationname", "application_name");

  private static final String APPLICATION_NAME_KEY = "ApplicationName";

  /** The driver's parameters that name a class to load or a file to write: refused in a URL. */
  private static final Set<String> CLASS_PARAMETERS =
      Set.of(
          "socketfactory",
          "socketfactoryarg",
          "sslfactory",
          "sslfactoryarg",
          "sslhostnameverifier",
          "sslpasswordcallback",
          "authenticationpluginclassname",
          "loggerfile",
          "loggerlevel");

  private final String hosts;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  private PostgresUrl(
      String hosts, String database, String user, String password, Map<String, String> parameters) {
    this.hosts = hosts;
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Whether {@code text} names a PostgreSQL store rather than a data directory. */
  static boolean looksLikePostgres(String text) {
    return text != null
        && (text.startsWith("postgresql://")
            || text.startsWith("postgres://")
            || text.startsWith("jdbc:postgresql:"));
  }

  /**
   * @throws IllegalArgumentException saying what is wrong, without repeating the password
   */
  static PostgresUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("it is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i)) || Character.isWhitespace(text.charAt(i))) {
        throw invalid("it contains a space or control character");
      }
    }
    String rest;
    if (text.startsWith("jdbc:postgresql://")) {
      rest = text.substring("jdbc:postgresql://".length());
    } else if (text.startsWith("postgresql://")) {
      rest = text.substring("postgresql://".length());
    } else if (text.startsWith("postgres://")) {
      rest = text.substring("postgres://".length());
    } else {
      throw invalid("it does not start with postgresql://, postgres:// or jdbc:postgresql://");
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw invalid("it names no database");
    }
    String authority = rest.substring(0, slash);
    String pathAndQuery = rest.substring(slash + 1);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1), "the password");
        userInfo = userInfo.substring(0, colon);
      }
      user = decode(userInfo, "the user name");
    }
    String hosts = hosts(authority);
    int question = pathAndQuery.indexOf('?');
    String database =
        decode(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question), "the database");
    if (database.isEmpty()) {
      throw invalid("it names no database");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String applicationName = null;
    if (question >= 0) {
      for (String pair : pathAndQuery.substring(question + 1).split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "a parameter");
        if (!PARAMETER_NAME.matcher(name).matches()) {
          throw invalid("a parameter name is not a word");
        }
        if (CLASS_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
          throw invalid(
              "the parameter "
                  + name
                  + " loads code or writes files; configure it on the driver, not in the URL");
        }
        if (APPLICATION_NAME.contains(name.toLowerCase(Locale.ROOT))) {
          applicationName = value;
        } else if (name.equals("password")) {
          password = value;
        } else if (name.equals("user")) {
          user = value;
        } else {
          parameters.put(name, value);
        }
      }
    }
    if (user != null && user.isEmpty()) {
      user = null;
    }
    if (applicationName != null && !applicationName.isEmpty()) {
      // the node's name in pg_stat_activity; the driver gets it as a property, never from the URL
      parameters.put(APPLICATION_NAME_KEY, applicationName);
    }
    return new PostgresUrl(hosts, database, user, password, parameters);
  }

  /**
   * The name this node gives its connections in {@code pg_stat_activity} ({@code ApplicationName}
   * or {@code application_name} in the URL), or {@code tollgate}.
   */
  String applicationName() {
    return parameters.getOrDefault(APPLICATION_NAME_KEY, "tollgate");
  }

  private static String hosts(String authority) {
    if (authority.isEmpty()) {
      throw invalid("it names no host");
    }
    StringBuilder normalised = new StringBuilder();
    for (String hostAndPort : authority.split(",", -1)) {
      String host = hostAndPort;
      int port = DEFAULT_PORT;
      int colon = hostAndPort.lastIndexOf(':');
      if (colon >= 0 && colon > hostAndPort.lastIndexOf(']')) {
        host = hostAndPort.substring(0, colon);
        port = port(hostAndPort.substring(colon + 1));
      }
      if (!HOST_NAME.matcher(host).matches()) {
        throw invalid("the host \"" + host + "\" is not a host name or address");
      }
      if (normalised.length() > 0) {
        normalised.append(',');
      }
      normalised.append(host).append(':').append(port);
    }
    return normalised.toString();
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("the port \"" + text + "\" is not a number from 1 to 65535");
  }

  /** Percent-decoding as in a URI: {@code +} stays a plus sign. */
  private static String decode(String text, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw invalid(what + " has a % not followed by two hex digits");
        }
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String reason) {
    return new IllegalArgumentException(
        "invalid PostgreSQL store URL: " + reason + "; " + ACCEPTED_FORMS);
  }

  /** The driver's URL: hosts, database and the extra parameters; never the user or password. */
  String jdbcUrl() {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(encode(database));
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getKey().equals(APPLICATION_NAME_KEY)) {
        continue;
      }
      url.append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** User and password as driver properties, for a connection made without a pool. */
  Properties credentials() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  String user() {
    return user;
  }

  /** The password, or null; only for the driver. */
  String password() {
    return password;
  }

  /** {@code HOST:PORT[,HOST:PORT…]}. */
  String hosts() {
    return hosts;
  }

  String database() {
    return database;
  }

  /** {@code HOST:PORT[,HOST:PORT…]/DATABASE}: where, for messages. */
  String location() {
    return hosts + "/" + database;
  }

  /** The URL as given, less the password: safe for logs, messages and listings. */
  String redacted() {
    StringBuilder url = new StringBuilder("postgresql://");
    if (user != null) {
      url.append(encode(user)).append('@');
    }
    url.append(hosts).append('/').append(encode(database));
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      url.append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  /** Replaces the password, wherever a driver message might have echoed it, with {@code ***}. */
  String scrub(String message) {
    if (message == null || password == null || password.isEmpty()) {
      return message;
    }
    return message.replace(password, "***");
  }

  @Override
  public String toString() {
    return redacted();
  }
}
